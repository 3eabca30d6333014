namespace Hub.Scanner.Recognizers.Names;

/// <summary>How sure a run of name words is a person's name, by what the name lists know of each word.</summary>
internal static class NameScore
{
    /// <summary>"Smith, John" and "Zhang Wei": family name first.</summary>
    public const double InvertedOrder = 0.7;

    public static double FullName(string text, ReadOnlySpan<Token> tokens, int first, int last)
    {
        var given = tokens[first];
        var family = tokens[last];
        if (NameSpan.IsInitial(text, tokens, first))
        {
            return family.Has(WordClass.Surname) ? 0.7 : family.Has(WordClass.Common) ? 0 : 0.6;
        }

        var familyKnown = family.Has(WordClass.Surname);
        var familyGiven = family.Has(WordClass.FirstName) && !familyKnown;
        var familyUnknown = !family.Has(WordClass.Name);
        // "German Shepherd": a nationality that is also a given name starts no name.
        if (given.Has(WordClass.FirstName) && !given.Has(WordClass.Nrp))
        {
            var strong = !given.Has(WordClass.Common);
            return (strong, familyKnown, familyGiven, familyUnknown) switch
            {
                (true, true, _, _) => 0.85,
                (true, _, true, _) => 0.75,
                (true, _, _, true) => 0.75,
                (false, true, _, _) => 0.7,
                _ => given.Is(TokenShape.SentenceStart) ? 0.45 : 0.5,
            };
        }

        // "Zhang Wei", "Kim Min-jun": a surname then a known name, neither a common word.
        return given.Has(WordClass.Surname) && !given.Has(WordClass.Common | WordClass.Place) && family.Has(WordClass.Name) && !family.Has(WordClass.Common)
            ? InvertedOrder
            : 0;
    }

    public static double Single(ReadOnlySpan<Token> tokens, int i, bool cue)
    {
        var token = tokens[i];
        if (cue)
        {
            // "Thanks, Mark", "Hi Grant,": a given name that is also a word, alone between a cue and punctuation.
            if (token.Has(WordClass.FirstName) && token.Has(WordClass.Common) && !token.Has(WordClass.Nrp) && IsAlone(tokens, i))
            {
                return 0.6;
            }

            // "Thanks Chad", "Hi Jordan": after a cue a given name beats the place of the same name.
            if (token.Has(WordClass.Name))
            {
                return token.Has(WordClass.Common | WordClass.Nrp) ? 0 : token.Has(WordClass.Place) ? (token.Has(WordClass.FirstName) ? 0.6 : 0) : 0.7;
            }

            return token.Has(WordClass.Common | WordClass.Place | WordClass.Nrp) || !token.Is(TokenShape.Capitalized) ? 0 : 0.55;
        }

        if (!token.Has(WordClass.FirstName) || token.Has(WordClass.Common | WordClass.Place | WordClass.Nrp) || token.Is(TokenShape.AllCaps))
        {
            return 0;
        }

        return token.Is(TokenShape.SentenceStart) ? 0.35 : 0.4;
    }

    /// <summary>The word ends the text or its line, or punctuation follows it ("Mark," but not "Will do").</summary>
    private static bool IsAlone(ReadOnlySpan<Token> tokens, int i) =>
        i + 1 >= tokens.Length || tokens[i + 1].Is(TokenShape.Punctuation | TokenShape.NewlineBefore);

    /// <summary>
    /// "Smith, John", "Sawayn, Winona": a family name, a comma, then a known given name that is not a common word or
    /// place, and no further ", Name" or "and Name" (a list).
    /// </summary>
    public static bool TryLastnameFirstname(string text, ReadOnlySpan<Token> tokens, int i, out int end)
    {
        end = i;
        var family = tokens[i];
        // An unknown family name only opens a record ("Sawayn, Winona" on its own line or after "Name:"), not a clause
        // ("At Initech, Sarah leads"); a given name after a cue is a greeting ("Hi Maria, John here").
        var cue = PersonCue.IsBefore(text, tokens, i);
        var familyShape = family.Has(WordClass.Surname)
            ? !(cue && family.Has(WordClass.FirstName))
            : !family.Has(WordClass.Name | WordClass.Common | WordClass.Nrp) && (family.Is(TokenShape.SentenceStart) || cue);
        if (!familyShape || family.Has(WordClass.Place) || i + 2 >= tokens.Length
            || !tokens[i + 1].IsPunctuation(text, ',') || !NameSpan.IsNameWord(tokens[i + 2]) || tokens[i + 2].Is(TokenShape.NewlineBefore))
        {
            return false;
        }

        var given = tokens[i + 2];
        if (!given.Has(WordClass.FirstName) || given.Has(WordClass.Common | WordClass.Place | WordClass.Nrp) || IsListAfter(text, tokens, i + 3))
        {
            return false;
        }

        end = i + 2;
        return true;
    }

    /// <summary>", Anna" or "and Anna" at <paramref name="k"/>: the comma was a list separator.</summary>
    private static bool IsListAfter(string text, ReadOnlySpan<Token> tokens, int k)
    {
        if (k + 1 >= tokens.Length || !tokens[k + 1].IsProperShaped)
        {
            return false;
        }

        var separator = tokens[k];
        return separator.IsPunctuation(text, ',') || separator.IsPunctuation(text, '&')
            || (separator.Is(TokenShape.Word) && separator.In(text) is "and" or "or");
    }
}
