using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// STREET_ADDRESS candidates, spanning the whole address. A street, by family:
/// 1. English, number first (<see cref="EnglishStreet"/>): "1600 Pennsylvania Avenue NW", "221B Baker Street",
///    "42 main st", also "12 rue de Rivoli"; a post-office box ("P.O. Box 1234");
/// 2. continental, name first (<see cref="ContinentalStreet"/>): "Calle Mayor 10", "Rua Augusta, 1500",
///    "Hauptstraße 5", "Berliner Straße 12", "Hans-Sachs-Str. 95", and any short street name whose house number is
///    followed by a European postcode and town ("Am Brungen 1, 30292 Bremen").
/// Then the tail (<see cref="AddressTail"/>): unit, city, state, ZIP, UK, Canadian, Australian, Dutch, Brazilian or
/// European postcode, country. An address before a unit ("Flat 3, 10 Downing Street") takes it in.
/// <list type="table">
/// <item><term>street alone</term><description>0.75 (lower case 0.6)</description></item>
/// <item><term>with a city, state or country</term><description>0.85</description></item>
/// <item><term>with a postcode: a complete address</term><description>0.95, above any city inside it, so the
/// engine's overlap resolver keeps the address rather than the city</description></item>
/// </list>
/// </summary>
internal sealed class StreetAddressFinder : ITokenFinder
{
    public const double StreetScore = 0.75;
    public const double LowerCaseScore = 0.6;
    public const double WithPlaceScore = 0.85;
    public const double CompleteScore = 0.95;

    public static int TryAt(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon, List<RecognizerResult> results)
    {
        var score = StreetScore;
        var token = tokens[i];
        var end = token.Is(TokenShape.Number) ? EnglishStreet.FromNumber(text, tokens, i, out score)
            : token.Is(TokenShape.Word) && !token.Is(TokenShape.Glued | TokenShape.CodeLike) ? ContinentalStreet.FromName(text, tokens, i, lexicon)
            : -1;
        end = end >= 0 ? end : EnglishStreet.PostBox(text, tokens, i);
        if (end < 0)
        {
            return i;
        }

        var first = AddressWords.UnitBefore(text, tokens, i);
        var last = AddressTail.Extend(text, tokens, end, lexicon, ref score);
        return TokenWalk.Report(EntityNames.StreetAddress, tokens, first, last, score, results);
    }
}
