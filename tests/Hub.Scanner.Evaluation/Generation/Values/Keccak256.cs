using System.Buffers.Binary;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original 0x01 padding, not SHA3-256's 0x06), which the BCL does not
/// ship; EIP-55 checksummed addresses need it. Checked against the EIP-55 test vectors (see <see cref="CryptoEncodings"/>).
/// Hub.Scanner has its own (<c>Checksums/Keccak256.cs</c>); this copy stays apart on purpose: the set is built and
/// checked independently of the code it measures, so a bug there shows up as misses instead of being baked into the data.
/// </summary>
internal static class Keccak256
{
    private const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] Rotations = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static readonly int[] PiLanes = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var padded = new byte[((message.Length / Rate) + 1) * Rate];
        message.CopyTo(padded);
        padded[message.Length] ^= 0x01;
        padded[^1] ^= 0x80;

        var state = new ulong[25];
        for (var block = 0; block < padded.Length; block += Rate)
        {
            for (var lane = 0; lane < Rate / 8; lane++)
            {
                state[lane] ^= BinaryPrimitives.ReadUInt64LittleEndian(padded.AsSpan(block + (lane * 8)));
            }

            Permute(state);
        }

        var digest = new byte[32];
        for (var lane = 0; lane < 4; lane++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(lane * 8), state[lane]);
        }

        return digest;
    }

    private static void Permute(ulong[] state)
    {
        Span<ulong> columns = stackalloc ulong[5];
        foreach (var constant in RoundConstants)
        {
            for (var x = 0; x < 5; x++)
            {
                columns[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var theta = columns[(x + 4) % 5] ^ ulong.RotateLeft(columns[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    state[y + x] ^= theta;
                }
            }

            var carried = state[1];
            for (var i = 0; i < 24; i++)
            {
                var lane = PiLanes[i];
                (state[lane], carried) = (ulong.RotateLeft(carried, Rotations[i]), state[lane]);
            }

            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    columns[x] = state[y + x];
                }

                for (var x = 0; x < 5; x++)
                {
                    state[y + x] = columns[x] ^ (~columns[(x + 1) % 5] & columns[(x + 2) % 5]);
                }
            }

            state[0] ^= constant;
        }
    }
}
