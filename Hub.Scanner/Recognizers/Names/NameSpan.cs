using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// The shape of a name in tokens: which words may start or continue one, initials ("J. R."), particles
/// ("van", "da"), and how far a name reaches (at most <see cref="MaxNameWords"/> words).
/// A name word is capitalised, not code ("UserService", "john_smith", "John.Smith@"), not a function word, and
/// after the first word not a common word or place unless the name lists know it.
/// </summary>
internal static class NameSpan
{
    private const int MaxNameWords = 4;

    /// <summary>Lower-case particles inside a name ("Ludwig van Beethoven", "Leonardo da Vinci").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Particles = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "dos", "das", "le", "la", "bin", "ibn", "bint",
        "al", "el", "ter", "ten", "y", "zu", "af", "st.")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The index of the last token of the name that starts at <paramref name="first"/>.</summary>
    public static int Collect(string text, ReadOnlySpan<Token> tokens, int first)
    {
        var last = first;
        var words = 1;
        while (words < MaxNameWords)
        {
            var next = IsInitial(text, tokens, last) ? last + 2 : last + 1;
            if (next >= tokens.Length || tokens[next].Is(TokenShape.NewlineBefore) || (!tokens[next].Is(TokenShape.SpaceBefore) && next == last + 1))
            {
                break;
            }

            if (IsParticle(text, tokens, next) && next + 1 < tokens.Length && IsContinuation(tokens[next + 1]))
            {
                next++;
            }

            if (!IsContinuation(tokens[next]) && !IsInitial(text, tokens, next))
            {
                break;
            }

            last = next;
            words++;
        }

        // "J." as the last word is an initial only if a surname follows; a trailing one is dropped.
        while (last > first && IsInitial(text, tokens, last))
        {
            last--;
            while (last > first && !tokens[last].Is(TokenShape.Word))
            {
                last--;
            }
        }

        return last;
    }

    /// <summary>A word that may start a name: capitalised (or all capitals when the name lists know it), not code, not a function word.</summary>
    public static bool IsNameWord(Token token) =>
        token.Length >= 2 && !token.Has(WordClass.Function)
        && (token.IsProperShaped || (token.Is(TokenShape.AllCaps) && !token.Is(TokenShape.Glued | TokenShape.CodeLike) && token.Has(WordClass.Name)));

    /// <summary>A later name word: also not a common word, place or nationality unless the name lists know it.</summary>
    public static bool IsContinuation(Token token) =>
        IsNameWord(token) && (token.Has(WordClass.Name) || !token.Has(WordClass.Common | WordClass.Place | WordClass.Nrp | WordClass.Honorific | WordClass.StreetSuffix));

    /// <summary>"J." (also in "J.R."): one capital letter and a full stop.</summary>
    public static bool IsInitial(string text, ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].Length == 1 && tokens[i].Is(TokenShape.Word) && char.IsUpper(text[tokens[i].Start])
        && i + 1 < tokens.Length && tokens[i + 1].IsPunctuation(text, '.');

    public static int CountWords(ReadOnlySpan<Token> tokens, int first, int last)
    {
        var words = 0;
        for (var k = first; k <= last; k++)
        {
            words += tokens[k].Is(TokenShape.Word) ? 1 : 0;
        }

        return words;
    }

    public static bool AnyKnownAsNonName(ReadOnlySpan<Token> tokens, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (tokens[k].Is(TokenShape.Word) && !tokens[k].Has(WordClass.Name) && tokens[k].Has(WordClass.Common | WordClass.Place | WordClass.Nrp))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsParticle(string text, ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].Is(TokenShape.Word) && Particles.Contains(tokens[i].In(text));
}
