namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// Streets whose name comes before the house number, tried in this order at a word:
/// 1. a prefix first: "Calle Mayor 10", "Via Roma 1", "Avenida Paulista, 1578", "Rua Augusta, 1500";
/// 2. an adjective and a street word: "Berliner Straße 12", "Düppeler Str. 134";
/// 3. one word with a street ending: "Hauptstraße 5", "Kalverstraat 1", "Hans-Sachs-Str. 95";
/// 4. up to <see cref="MaxNameWords"/> capitalised words (and particles) whose house number is followed by a
///    European postcode and town: "Am Brungen 1, 30292 Bremen", "Unter den Linden 77, 10117 Berlin",
///    "Thijsplantsoen 101, 6176 LC Amsterdam". The postcode is the evidence, so the words may be anything.
/// </summary>
internal static class ContinentalStreet
{
    private const int MaxNameWords = 5;

    /// <summary>The last token of a street that starts at word <paramref name="i"/>, or -1.</summary>
    public static int FromName(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon)
    {
        var token = tokens[i];

        // Rule 1
        if (token.Has(WordClass.StreetPrefix) && token.Is(TokenShape.Capitalized))
        {
            var last = NameWords(text, tokens, i + 1);
            var number = last + 1 < tokens.Length && tokens[last + 1].IsPunctuation(text, ',') ? last + 2 : last + 1;
            if (last > i && AddressWords.IsHouseNumberAfterName(tokens, number))
            {
                return number;
            }
        }

        if (!token.IsProperShaped || i + 1 >= tokens.Length)
        {
            return ByPostcode(text, tokens, i, lexicon);
        }

        // Rule 2
        var second = tokens[i + 1];
        if (second.IsProperShaped && AddressWords.IsSpacedOnLine(second) && IsStreetEnding(second.In(text), lexicon))
        {
            var number = AfterAbbreviation(text, tokens, i + 1);
            if (AddressWords.IsHouseNumberAfterName(tokens, number))
            {
                return number;
            }
        }

        // Rule 3
        var afterWord = AfterAbbreviation(text, tokens, i);
        if (AddressWords.IsHouseNumberAfterName(tokens, afterWord) && IsOneWordStreet(text, token, lexicon))
        {
            return afterWord;
        }

        // Rule 4
        return ByPostcode(text, tokens, i, lexicon);
    }

    /// <summary>The last of the capitalised street-name words (with particles) starting at <paramref name="k"/>, or k - 1.</summary>
    public static int NameWords(string text, ReadOnlySpan<Token> tokens, int k)
    {
        var last = k - 1;
        for (var words = 0; k < tokens.Length && words < MaxNameWords; k++, words++)
        {
            var t = tokens[k];
            if (t.Is(TokenShape.NewlineBefore))
            {
                break;
            }

            if (t.IsPunctuation(text, '\'') || t.IsPunctuation(text, '’'))
            {
                continue;
            }

            if (!t.Is(TokenShape.Word) || t.Is(TokenShape.Glued | TokenShape.CodeLike))
            {
                break;
            }

            if (t.IsProperShaped || t.Is(TokenShape.AllCaps))
            {
                last = k;
            }
            else if (!AddressWords.Particles.Contains(t.In(text)))
            {
                break;
            }
        }

        return last;
    }

    /// <summary>Rule 4: "Am Brungen 1, 30292 Bremen"; the street's last token (the house number), or -1.</summary>
    private static int ByPostcode(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon)
    {
        var first = tokens[i];
        // A capitalised English word opening a sentence is more likely a verb ("Ship 2, 10115 Berlin") than a street.
        if (!first.Is(TokenShape.Capitalized) || first.Is(TokenShape.CodeLike | TokenShape.Glued)
            || (first.Is(TokenShape.SentenceStart) && first.Has(WordClass.Common) && !first.Has(WordClass.Function)))
        {
            return -1;
        }

        var k = i + 1;
        for (var words = 1; k < tokens.Length && !tokens[k].Is(TokenShape.Number); k++)
        {
            var t = tokens[k];
            if (t.IsPunctuation(text, '.') && !t.Is(TokenShape.SpaceBefore) && tokens[k - 1].Is(TokenShape.Word))
            {
                continue;
            }

            var nameWord = t.Is(TokenShape.Capitalized) || (t.Is(TokenShape.Lower) && AddressWords.Particles.Contains(t.In(text)));
            if (++words > MaxNameWords || !nameWord || t.Is(TokenShape.CodeLike | TokenShape.Glued) || !AddressWords.IsSpacedOnLine(t))
            {
                return -1;
            }
        }

        if (!AddressWords.IsHouseNumberAfterName(tokens, k) || StartsLater(text, tokens, i, k, lexicon))
        {
            return -1;
        }

        var postcode = k + 1 < tokens.Length && tokens[k + 1].IsPunctuation(text, ',') ? k + 2 : k + 1;
        return AddressTail.EuropeanPostcode(text, tokens, postcode) >= 0 ? k : -1;
    }

    /// <summary>
    /// "Bitte an Hans-Sachs-Str. 95", "Envío a Calle Mayor 10": a street that rules 1 to 3 find at a later word
    /// between <paramref name="i"/> and the house number <paramref name="number"/> starts there, not at <paramref name="i"/>.
    /// </summary>
    private static bool StartsLater(string text, ReadOnlySpan<Token> tokens, int i, int number, NameLexicon lexicon)
    {
        for (var j = i + 1; j < number; j++)
        {
            var t = tokens[j];
            if (!t.Is(TokenShape.Word))
            {
                continue;
            }

            var start = (t.Has(WordClass.StreetPrefix) && t.Is(TokenShape.Capitalized)) || IsOneWordStreet(text, t, lexicon) ? j
                : IsStreetEnding(t.In(text), lexicon) ? j - 1
                : i;
            if (start > i)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The token after word <paramref name="k"/>, skipping an abbreviation's full stop ("Str. 5", "Hauptstr. 5").</summary>
    private static int AfterAbbreviation(string text, ReadOnlySpan<Token> tokens, int k) =>
        k + 1 < tokens.Length && tokens[k + 1].IsPunctuation(text, '.') && !tokens[k + 1].Is(TokenShape.SpaceBefore) ? k + 2 : k + 1;

    private static bool IsStreetEnding(ReadOnlySpan<char> word, NameLexicon lexicon)
    {
        foreach (var ending in lexicon.StreetEndings)
        {
            if (word.Equals(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOneWordStreet(string text, Token token, NameLexicon lexicon)
    {
        // "Hans-Sachs-Str", "Heinrich-Böll-Straße": a street word after the last hyphen, whatever the names before it.
        var word = token.In(text);
        var hyphen = word.LastIndexOf('-');
        if (hyphen > 0 && IsStreetEnding(word[(hyphen + 1)..], lexicon))
        {
            return true;
        }

        if (token.Has(WordClass.Common | WordClass.Name | WordClass.Place | WordClass.Function))
        {
            return false;
        }

        foreach (var ending in lexicon.StreetEndings)
        {
            if (word.Length >= ending.Length + 3 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
