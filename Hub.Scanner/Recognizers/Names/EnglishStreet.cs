using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// Streets that start with the house number: "1600 Pennsylvania Avenue NW", "221B Baker Street", "42 main st"
/// (one to five name words and a street suffix), "12 rue de Rivoli" (a continental prefix after the number);
/// and post-office boxes ("P.O. Box 1234", "PO Box 12", "Post Office Box 9").
/// </summary>
internal static class EnglishStreet
{
    private const int MaxNameWords = 5;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Directions = FrozenSet.Create(
        StringComparer.Ordinal, "N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South", "East", "West")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Suffixes that make a lower-case street ("12 main street"); "walk", "way", "view" do not.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LowerCaseSuffixes = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "highway", "hwy", "parkway")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The last token of a street whose house number is token <paramref name="i"/>, or -1.</summary>
    public static int FromNumber(string text, ReadOnlySpan<Token> tokens, int i, out double score)
    {
        score = StreetAddressFinder.StreetScore;
        if (!AddressWords.IsHouseNumber(text, tokens, i))
        {
            return -1;
        }

        // "12 rue de Rivoli", "10, rue du Bac": the prefix on the number's line.
        var next = i + 1 < tokens.Length && tokens[i + 1].IsPunctuation(text, ',') ? i + 2 : i + 1;
        if (next < tokens.Length && tokens[next].Has(WordClass.StreetPrefix) && tokens[next].Is(TokenShape.Word) && !tokens[next].Has(WordClass.Function)
            && !tokens[next].Is(TokenShape.NewlineBefore) && !tokens[next].In(text).Equals("al", StringComparison.OrdinalIgnoreCase))
        {
            var name = ContinentalStreet.NameWords(text, tokens, next + 1);
            if (name > next)
            {
                return name;
            }
        }

        return SuffixStreet(text, tokens, i, out score);
    }

    private static int SuffixStreet(string text, ReadOnlySpan<Token> tokens, int i, out double score)
    {
        score = StreetAddressFinder.StreetScore;
        var suffixAt = -1;
        var lower = false;
        var lowerAtSuffix = false;
        for (var k = i + 1; k < tokens.Length && k <= i + MaxNameWords + 1; k++)
        {
            var t = tokens[k];
            if (t.Is(TokenShape.NewlineBefore) || !t.Is(TokenShape.SpaceBefore) || t.Is(TokenShape.Glued))
            {
                break;
            }

            var isOrdinal = t.Is(TokenShape.Number) && char.IsLetter(text[t.End - 1]);
            if ((!t.Is(TokenShape.Word) && !isOrdinal) || (t.Is(TokenShape.Word) && t.Has(WordClass.Function)))
            {
                break;
            }

            var lowerHere = lower || t.Is(TokenShape.Lower);
            if (t.Has(WordClass.StreetSuffix) && k > i + 1 && (!lowerHere || LowerCaseSuffixes.Contains(t.In(text))))
            {
                suffixAt = k;
                lowerAtSuffix = lowerHere;
            }

            lower = lowerHere;
        }

        if (suffixAt < 0)
        {
            return -1;
        }

        // Words after the suffix ("10 Downing Street today") say nothing about its case.
        score = lowerAtSuffix ? StreetAddressFinder.LowerCaseScore : StreetAddressFinder.StreetScore;
        // The full stop of an abbreviation ("St.", "Ave.") belongs to the street; after "Street" it ends the sentence.
        var abbreviation = tokens[suffixAt].Length <= 4 && !tokens[suffixAt].Has(WordClass.Common);
        var end = abbreviation && suffixAt + 1 < tokens.Length && tokens[suffixAt + 1].IsPunctuation(text, '.') && !tokens[suffixAt + 1].Is(TokenShape.SpaceBefore) ? suffixAt + 1 : suffixAt;
        if (end + 1 < tokens.Length && tokens[end + 1].Is(TokenShape.Word) && !tokens[end + 1].Is(TokenShape.NewlineBefore) && Directions.Contains(tokens[end + 1].In(text)))
        {
            end++;
        }

        return end;
    }

    /// <summary>"P.O. Box 1234", "PO Box 12", "Post Office Box 9" starting at <paramref name="i"/>: its last token, or -1.</summary>
    public static int PostBox(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i;
        var word = tokens[k].In(text);
        if (word.Equals("PO", StringComparison.OrdinalIgnoreCase) && tokens[k].Is(TokenShape.Word))
        {
            k++;
        }
        else if (word is "P" && k + 3 < tokens.Length && tokens[k + 1].IsPunctuation(text, '.') && tokens[k + 2].In(text) is "O")
        {
            k += 3;
        }
        else if (word.Equals("post", StringComparison.OrdinalIgnoreCase) && k + 1 < tokens.Length && tokens[k + 1].In(text).Equals("office", StringComparison.OrdinalIgnoreCase))
        {
            k += 2;
        }
        else
        {
            return -1;
        }

        if (k < tokens.Length && tokens[k].IsPunctuation(text, '.'))
        {
            k++;
        }

        return k + 1 < tokens.Length && tokens[k].In(text).Equals("box", StringComparison.OrdinalIgnoreCase) && tokens[k + 1].Is(TokenShape.Number) ? k + 1 : -1;
    }
}
