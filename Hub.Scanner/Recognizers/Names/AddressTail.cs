namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// The parts after a street, at most <see cref="MaxParts"/>, each after a comma, a spaced dash ("1500 - São Paulo")
/// or a space: a unit ("Apt 4B", "Suite 200"), a city, a state code, a region or country, and postcodes:
/// US ZIP ("20500-1234"), Brazilian CEP ("01304-001"), UK ("SW1A 2AA"), Canadian ("M5V 3L9"), Australian after the
/// state ("NSW 2000"), Dutch ("7381 DT Amsterdam") and European with the town ("10115 Berlin", "75001 Paris").
/// </summary>
internal static class AddressTail
{
    private const int MaxParts = 6;

    /// <summary>Takes in the parts after the street that ends at <paramref name="end"/>; returns the new last token.</summary>
    public static int Extend(string text, ReadOnlySpan<Token> tokens, int end, NameLexicon lexicon, ref double score)
    {
        for (var round = 0; round < MaxParts; round++)
        {
            var k = end + 1;
            if (k + 1 < tokens.Length && (tokens[k].IsPunctuation(text, ',') || IsSpacedDash(text, tokens, k)))
            {
                k++;
            }

            if (k >= tokens.Length)
            {
                break;
            }

            var part = Part(text, tokens, k, lexicon, out var partScore);
            if (part < 0)
            {
                break;
            }

            end = part;
            score = Math.Max(score, partScore);
        }

        return end;
    }

    /// <summary>A European postcode and its town starting at <paramref name="k"/>: its last token, or -1.</summary>
    public static int EuropeanPostcode(string text, ReadOnlySpan<Token> tokens, int k)
    {
        if (k + 1 >= tokens.Length || !tokens[k].Is(TokenShape.Number) || tokens[k].Length is not (4 or 5) || !AddressWords.IsDigits(tokens[k].In(text)))
        {
            return -1;
        }

        // "7381 DT Amsterdam": four digits and two capitals.
        var town = k + 1;
        if (tokens[k].Length == 4 && tokens[town].Is(TokenShape.AllCaps) && tokens[town].Length == 2 && AddressWords.IsSpacedOnLine(tokens[town]))
        {
            town++;
        }

        return town < tokens.Length && IsTownStart(tokens[town]) ? City(text, tokens, town) : -1;
    }

    /// <summary>One address part starting at <paramref name="k"/>: its last token, or -1; <paramref name="score"/> is what it proves.</summary>
    private static int Part(string text, ReadOnlySpan<Token> tokens, int k, NameLexicon lexicon, out double score)
    {
        score = StreetAddressFinder.CompleteScore;
        var t = tokens[k];
        var word = t.In(text);

        // Unit: "Apt 4B", "Suite 200", "# 5".
        if (AddressWords.Units.Contains(word) && !t.Is(TokenShape.Lower))
        {
            var n = k + 1 < tokens.Length && tokens[k + 1].IsPunctuation(text, '.') ? k + 2 : k + 1;
            n = n < tokens.Length && tokens[n].IsPunctuation(text, '#') ? n + 1 : n;
            score = 0;
            return n < tokens.Length && (tokens[n].Is(TokenShape.Number) || tokens[n].Length <= 2) ? n : -1;
        }

        if (t.Is(TokenShape.Number))
        {
            var european = EuropeanPostcode(text, tokens, k);
            if (european >= 0)
            {
                return european;
            }

            // ZIP "20500", ZIP+4 "20500-1234", CEP "01304-001".
            var glued = k + 2 < tokens.Length && tokens[k + 1].IsPunctuation(text, '-') && !tokens[k + 1].Is(TokenShape.SpaceBefore)
                && !tokens[k + 2].Is(TokenShape.SpaceBefore) && tokens[k + 2].Length is 3 or 4 && AddressWords.IsDigits(tokens[k + 2].In(text));
            return t.Length == 5 && AddressWords.IsDigits(word) ? (glued ? k + 2 : k) : -1;
        }

        if (!t.Is(TokenShape.Word))
        {
            return -1;
        }

        if (IsStateCode(t))
        {
            // "Sydney NSW 2000": an Australian postcode follows the state.
            var postcode = k + 1 < tokens.Length && tokens[k + 1].Is(TokenShape.Number) && tokens[k + 1].Length == 4
                && AddressWords.IsSpacedOnLine(tokens[k + 1]) && AddressWords.IsDigits(tokens[k + 1].In(text));
            score = postcode ? StreetAddressFinder.CompleteScore : StreetAddressFinder.WithPlaceScore;
            return postcode ? k + 1 : k;
        }

        var british = Postcode(text, tokens, k);
        if (british >= 0)
        {
            return british;
        }

        score = StreetAddressFinder.WithPlaceScore;
        if (t.IsProperShaped && !t.Has(WordClass.Function | WordClass.StreetSuffix))
        {
            // A region or country; or a city when the gazetteer knows it or a state, postcode or country follows.
            var last = City(text, tokens, k);
            if (tokens[k].Has(WordClass.Place) || LocationFinder.PhraseClasses(text, tokens, k, last, lexicon) != WordClass.None)
            {
                return last;
            }

            var after = last + 1 < tokens.Length && tokens[last + 1].IsPunctuation(text, ',') ? last + 2 : last + 1;
            if (after < tokens.Length && (IsStateCode(tokens[after]) || Postcode(text, tokens, after) >= 0
                || (tokens[after].Is(TokenShape.Number) && tokens[after].Length == 5)))
            {
                return last;
            }
        }

        return -1;
    }

    /// <summary>One to four words of a town ("Washington", "Mountain View", "Rio de Janeiro", "Frankfurt am Main").</summary>
    private static int City(string text, ReadOnlySpan<Token> tokens, int k)
    {
        var last = k;
        for (var n = k + 1; n < tokens.Length && n <= k + 4; n++)
        {
            if (!AddressWords.IsSpacedOnLine(tokens[n]))
            {
                break;
            }

            if (tokens[n].IsProperShaped && !tokens[n].Has(WordClass.Function | WordClass.StateCode))
            {
                last = n;
            }
            else if (!(tokens[n].Is(TokenShape.Lower) && AddressWords.Particles.Contains(tokens[n].In(text))))
            {
                break;
            }
        }

        return last;
    }

    /// <summary>A town after a postcode: capitalised on the same line, not a word such as "Please" unless it opens a place ("Den Haag").</summary>
    private static bool IsTownStart(Token token) =>
        AddressWords.IsSpacedOnLine(token) && token.IsProperShaped
        && (token.Has(WordClass.Place | WordClass.PhraseStart) || !token.Has(WordClass.Function | WordClass.Common));

    private static bool IsStateCode(Token token) => token.Has(WordClass.StateCode) && token.Is(TokenShape.AllCaps);

    private static bool IsSpacedDash(string text, ReadOnlySpan<Token> tokens, int k) =>
        (tokens[k].IsPunctuation(text, '-') || tokens[k].IsPunctuation(text, '–')) && AddressWords.IsSpacedOnLine(tokens[k]) && AddressWords.IsSpacedOnLine(tokens[k + 1]);

    /// <summary>UK ("SW1A 2AA", "M1 1AE") or Canadian ("M5V 3L9") postcode starting at <paramref name="k"/>: its last token, or -1.</summary>
    private static int Postcode(string text, ReadOnlySpan<Token> tokens, int k)
    {
        if (k + 1 >= tokens.Length || !tokens[k].Is(TokenShape.Word) || !tokens[k + 1].Is(TokenShape.Number) || !tokens[k + 1].Is(TokenShape.SpaceBefore))
        {
            return -1;
        }

        var outward = tokens[k].In(text);
        var inward = tokens[k + 1].In(text);
        var uk = outward.Length is >= 2 and <= 4 && char.IsAsciiLetterUpper(outward[0]) && AllUpperOrDigit(outward) && char.IsAsciiDigit(outward[^1]) | char.IsAsciiDigit(outward[^2])
            && inward.Length == 3 && char.IsAsciiDigit(inward[0]) && char.IsAsciiLetterUpper(inward[1]) && char.IsAsciiLetterUpper(inward[2]);
        var canada = outward.Length == 3 && char.IsAsciiLetterUpper(outward[0]) && char.IsAsciiDigit(outward[1]) && char.IsAsciiLetterUpper(outward[2])
            && inward.Length == 3 && char.IsAsciiDigit(inward[0]) && char.IsAsciiLetterUpper(inward[1]) && char.IsAsciiDigit(inward[2]);
        return uk || canada ? k + 1 : -1;
    }

    private static bool AllUpperOrDigit(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
