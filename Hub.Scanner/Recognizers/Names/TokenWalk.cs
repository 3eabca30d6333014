namespace Hub.Scanner.Recognizers.Names;

/// <summary>One finder: the rules for one entity type, tried at each token.</summary>
internal interface ITokenFinder
{
    /// <summary>
    /// Reports a candidate that starts at (or just after) token <paramref name="i"/>; returns the index after it,
    /// or <paramref name="i"/> when nothing starts there. Look-ahead and look-behind are bounded, so the walk is linear.
    /// </summary>
    static abstract int TryAt(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon, List<RecognizerResult> results);
}

/// <summary>The left-to-right walk the four finders share: a generic over the finder, so no delegate is allocated.</summary>
internal static class TokenWalk
{
    public static void Run<TFinder>(string text, ReadOnlySpan<Token> tokens, NameLexicon lexicon, List<RecognizerResult> results)
        where TFinder : ITokenFinder
    {
        var i = 0;
        while (i < tokens.Length)
        {
            var next = TFinder.TryAt(text, tokens, i, lexicon, results);
            i = next > i ? next : i + 1;
        }
    }

    /// <summary>Adds the candidate <c>tokens[first..last]</c> and returns the index after it.</summary>
    public static int Report(string entity, ReadOnlySpan<Token> tokens, int first, int last, double score, List<RecognizerResult> results)
    {
        results.Add(new RecognizerResult(entity, tokens[first].Start, tokens[last].End, score));
        return last + 1;
    }

    /// <summary>A capitalised organisation word ("Corp", "GmbH", "Traders") right after token <paramref name="last"/>, on the same line.</summary>
    public static bool IsOrganisationAfter(ReadOnlySpan<Token> tokens, int last)
    {
        var next = last + 1;
        return next < tokens.Length && tokens[next].Has(WordClass.Organisation) && tokens[next].Is(TokenShape.SpaceBefore)
            && !tokens[next].Is(TokenShape.NewlineBefore) && (tokens[next].Is(TokenShape.Capitalized) || tokens[next].Is(TokenShape.AllCaps));
    }
}
