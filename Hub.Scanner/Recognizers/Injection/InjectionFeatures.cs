namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// The classifier's features: every normalised word and every pair of adjacent words, hashed (FNV-1a) into
/// 2^<see cref="Bits"/> buckets. Shared by the classifier and the offline trainer, so both see the same numbers.
/// </summary>
internal static class InjectionFeatures
{
    public const int Bits = 18;

    public const int Buckets = 1 << Bits;

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>Calls <paramref name="visit"/> with each feature's bucket; returns how many there were.</summary>
    public static int Visit<TState>(NormalizedView view, ref TState state, Visitor<TState> visit)
        where TState : allows ref struct
    {
        var tokens = view.Tokens;
        var previous = 0u;
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = Hash(view.Word(tokens[i]));
            visit(ref state, (int)(word & (Buckets - 1)));
            if (i > 0)
            {
                visit(ref state, (int)(Mix(previous, word) & (Buckets - 1)));
            }

            previous = word;
        }

        return tokens.Length == 0 ? 0 : (2 * tokens.Length) - 1;
    }

    public delegate void Visitor<TState>(ref TState state, int bucket)
        where TState : allows ref struct;

    private static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = FnvOffset;
        foreach (var c in word)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    private static uint Mix(uint first, uint second) => ((first * 31) ^ (second + 0x9E3779B9)) * FnvPrime;
}
