namespace Hub.Core.Randomness;

/// <summary>Random tokens in [0-9A-Za-z], safe in headers, URLs and shells.</summary>
public static class Base62
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Writes <paramref name="destination"/>.Length random characters. Each byte is reduced modulo 62
    /// after rejecting values ≥ 248 (4 × 62), so every character is equally likely.
    /// </summary>
    public static void FillRandom(IRandomSource random, Span<char> destination)
    {
        Span<byte> buffer = stackalloc byte[64];
        var written = 0;
        while (written < destination.Length)
        {
            random.Fill(buffer);
            for (var i = 0; i < buffer.Length && written < destination.Length; i++)
            {
                if (buffer[i] < 248)
                {
                    destination[written++] = Alphabet[buffer[i] % 62];
                }
            }
        }
    }

    public static string Random(IRandomSource random, string prefix, int length) =>
        string.Create(prefix.Length + length, (random, prefix), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            FillRandom(state.random, span[state.prefix.Length..]);
        });
}
