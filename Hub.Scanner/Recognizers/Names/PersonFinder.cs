using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// PERSON candidates from the token stream, left to right, one rule set per position:
/// 1. a title ("Dr.", "Mrs", "Herr") then a name: 0.85 (0.75 after an office such as "General");
/// 2. a cue (<see cref="PersonCue"/>: "my name is", "patient", "Dear", "Signed,") then a name: 0.85, one known word 0.7,
///    one unknown word 0.55;
/// 3. a name pair (<see cref="NameScore"/>): a known given name then capitalised name words, 0.85 with a known surname,
///    0.75 with an unknown one, lower when the given name is also a common word ("Will", "Mark"); "Lastname, Firstname"
///    and "Zhang Wei" orders: 0.7;
/// 4. initials then a surname ("J. R. Smith"): 0.7;
/// 5. a known given name alone: 0.4 (0.35 at a sentence start), left to the context words to raise.
/// Never a person: words the place phrases know ("Los Angeles"), an organisation ("Acme Corp", "Northwind Traders",
/// "Stanford University") or a street ("44 Hermann Lane", "Avenida Silas Braga, 893"). Word shapes are in
/// <see cref="NameSpan"/>; look-ahead is at most four words, look-behind three tokens: linear in the text.
/// </summary>
internal sealed class PersonFinder : ITokenFinder
{
    public static int TryAt(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon, List<RecognizerResult> results)
    {
        var token = tokens[i];
        if (!token.Is(TokenShape.Word))
        {
            return i;
        }

        // Rule 1
        if (token.Has(WordClass.Honorific) && (token.Is(TokenShape.Capitalized) || token.Is(TokenShape.AllCaps)) && !IsStreetSuffixUse(tokens, i))
        {
            var first = i + 1 < tokens.Length && tokens[i + 1].IsPunctuation(text, '.') ? i + 2 : i + 1;
            if (first < tokens.Length && NameSpan.IsNameWord(tokens[first]) && !tokens[first].Is(TokenShape.NewlineBefore) && !tokens[first].Has(WordClass.Honorific))
            {
                var weak = token.Has(WordClass.WeakHonorific);
                var end = NameSpan.Collect(text, tokens, first);
                if (IsOrganisationOrStreet(text, tokens, first, end))
                {
                    return end + 1;
                }

                if (!weak || tokens[first].Has(WordClass.Name))
                {
                    return Report(tokens, first, end, weak ? 0.75 : 0.85, results);
                }
            }
        }

        if (!NameSpan.IsNameWord(token) && !NameSpan.IsInitial(text, tokens, i))
        {
            return i;
        }

        var last = NameSpan.Collect(text, tokens, i);
        if (IsPlacePhrase(text, tokens, i, last, lexicon) || IsOrganisationOrStreet(text, tokens, i, last))
        {
            return last + 1;
        }

        // Rules 2 to 5
        var words = NameSpan.CountWords(tokens, i, last);
        if (words == 1 && NameScore.TryLastnameFirstname(text, tokens, i, out var commaEnd))
        {
            return Report(tokens, i, commaEnd, NameScore.InvertedOrder, results);
        }

        var cue = PersonCue.IsBefore(text, tokens, i);
        if (cue && words == 1 && tokens[i].Has(WordClass.Name) && ExtendsWithSurnameWord(tokens, last))
        {
            // After a cue, a known given name takes the next capitalised word as its surname even when that
            // word is also a common word or a place: "Dear Grace Hopper", "Signed, Rose Baker".
            last++;
            words = 2;
        }

        var score = words >= 2 ? NameScore.FullName(text, tokens, i, last) : NameScore.Single(tokens, i, cue);
        if (cue && score > 0 && words >= 2)
        {
            score = Math.Max(score, 0.85);
        }
        else if (cue && words >= 2 && (tokens[i].Has(WordClass.Name) || !NameSpan.AnyKnownAsNonName(tokens, i, last)))
        {
            // After a cue, a known given name carries a surname that is also a word ("Dear Grace Hopper").
            score = 0.8;
        }

        return score > 0 ? Report(tokens, i, last, score, results) : i;
    }

    private static bool ExtendsWithSurnameWord(ReadOnlySpan<Token> tokens, int last) =>
        last + 1 < tokens.Length
        && tokens[last + 1].Is(TokenShape.SpaceBefore) && !tokens[last + 1].Is(TokenShape.NewlineBefore)
        && tokens[last + 1].Is(TokenShape.Capitalized) && NameSpan.IsNameWord(tokens[last + 1])
        && !tokens[last + 1].Has(WordClass.Honorific | WordClass.StreetSuffix);

    /// <summary>"Los Angeles", "San Francisco", "Rio de Janeiro": capitalised words that the place phrases know.</summary>
    private static bool IsPlacePhrase(string text, ReadOnlySpan<Token> tokens, int first, int last, NameLexicon lexicon)
    {
        if (!tokens[first].Has(WordClass.PhraseStart))
        {
            return false;
        }

        for (var end = last; end > first; end--)
        {
            if ((LocationFinder.PhraseClasses(text, tokens, first, end, lexicon) & WordClass.Place) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Acme Corp", "Wayne Financial": an organisation word ends the name or follows it. "44 Hermann Lane",
    /// "176 Walter Close": a house number before and a street suffix at or after the end. "Viale Peaquin 25",
    /// "Avenida Silas Braga, 893": a street prefix before (or first) and a house number after.
    /// </summary>
    private static bool IsOrganisationOrStreet(string text, ReadOnlySpan<Token> tokens, int first, int last)
    {
        if (tokens[last].Has(WordClass.Organisation) || TokenWalk.IsOrganisationAfter(tokens, last))
        {
            return true;
        }

        var before = first - 1;
        var after = last + 1;
        var numberBefore = before >= 0 && tokens[before].Is(TokenShape.Number) && !tokens[first].Is(TokenShape.NewlineBefore);
        var suffix = tokens[last].Has(WordClass.StreetSuffix)
            || (after < tokens.Length && tokens[after].Has(WordClass.StreetSuffix) && tokens[after].Is(TokenShape.Capitalized) && AddressWords.IsSpacedOnLine(tokens[after]));
        if (numberBefore && suffix)
        {
            return true;
        }

        var prefix = tokens[first].Has(WordClass.StreetPrefix)
            || (before >= 0 && tokens[before].Has(WordClass.StreetPrefix) && tokens[before].Is(TokenShape.Capitalized) && !tokens[first].Is(TokenShape.NewlineBefore));
        var number = after < tokens.Length && tokens[after].IsPunctuation(text, ',') ? after + 1 : after;
        return prefix && AddressWords.IsHouseNumberAfterName(tokens, number);
    }

    /// <summary>"12 Oak Dr. Smith …": after a capitalised word that follows a number, "Dr"/"St" end a street.</summary>
    private static bool IsStreetSuffixUse(ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].Has(WordClass.StreetSuffix) && i >= 2 && tokens[i - 1].IsProperShaped && (tokens[i - 2].Is(TokenShape.Number) || tokens[i - 2].IsProperShaped);

    private static int Report(ReadOnlySpan<Token> tokens, int first, int last, double score, List<RecognizerResult> results) =>
        TokenWalk.Report(EntityNames.Person, tokens, first, last, score, results);
}
