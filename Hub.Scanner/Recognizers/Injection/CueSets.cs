using System.Runtime.Intrinsics;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>A set of up to 256 word sets (one bit each): what a word belongs to, or what a signature step accepts. One vector AND per test.</summary>
internal readonly record struct CueSets(Vector256<ulong> Bits)
{
    public const int Capacity = 256;

    public static CueSets None => default;

    public bool IsEmpty => Bits == Vector256<ulong>.Zero;

    public static CueSets Bit(int index)
    {
        Span<ulong> lanes = stackalloc ulong[4];
        lanes.Clear();
        lanes[index / 64] = 1UL << (index % 64);
        return new CueSets(Vector256.Create<ulong>(lanes));
    }

    public bool Overlaps(CueSets other) => (Bits & other.Bits) != Vector256<ulong>.Zero;

    public bool Contains(CueSets other) => (Bits & other.Bits) == other.Bits;

    public static CueSets operator |(CueSets left, CueSets right) => new(left.Bits | right.Bits);

    public static CueSets operator &(CueSets left, CueSets right) => new(left.Bits & right.Bits);

    /// <summary>The index of every bit that is set, lowest first.</summary>
    public int BitIndices(Span<int> indices)
    {
        var count = 0;
        for (var lane = 0; lane < 4; lane++)
        {
            for (var bits = Bits.GetElement(lane); bits != 0 && count < indices.Length; bits &= bits - 1)
            {
                indices[count++] = (lane * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
        }

        return count;
    }
}
