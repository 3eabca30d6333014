using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.ML.Tokenizers;

namespace Hub.Gateway.Billing.Estimation;

/// <summary>
/// Token counts of long texts seen before. A chat client resends the whole conversation every turn, so
/// all but the newest message were counted on an earlier request; hashing a text costs a few percent of
/// counting it (SHA-256 against tiktoken's ~40 µs per KB, <c>PromptEstimationBenchmarks</c>).
/// Keyed by the encoding and a SHA-256 of the text: no prompt text is kept. Bounded: when full, it
/// starts over (the next turns refill it with what is current). Thread-safe.
/// </summary>
internal sealed class TokenCountCache(int capacity)
{
    /// <summary>Characters below which counting is as cheap as hashing and looking up.</summary>
    public const int MinLength = 256;

    private readonly ConcurrentDictionary<(OpenAIEncoding Encoding, UInt128 Hash), int> counts = new();
    private int size;

    public int Count(Tokenizer tokenizer, OpenAIEncoding encoding, string text)
    {
        if (capacity == 0 || text.Length < MinLength)
        {
            return tokenizer.CountTokens(text);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), hash);
        var key = (encoding, BinaryPrimitives.ReadUInt128LittleEndian(hash));
        if (counts.TryGetValue(key, out var count))
        {
            return count;
        }

        count = tokenizer.CountTokens(text);
        if (Interlocked.Increment(ref size) > capacity)
        {
            // Racing writers may clear twice or lose an entry: either only costs a recount.
            counts.Clear();
            Volatile.Write(ref size, 1);
        }

        counts[key] = count;
        return count;
    }
}
