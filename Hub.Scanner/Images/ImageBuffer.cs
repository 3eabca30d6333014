using System.Buffers;

namespace Hub.Scanner.Images;

/// <summary>
/// Decoded image bytes in an array rented from <see cref="ArrayPool{T}.Shared"/>; dispose to return it.
/// The array is cleared on return: a screenshot can hold a patient chart, and the next renter (another
/// tenant's request) must not be able to read it through a bug of its own.
/// </summary>
internal sealed class ImageBuffer : IDisposable
{
    private byte[]? array;

    private ImageBuffer(byte[] array, int length)
    {
        this.array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(Array, 0, Length);

    public ReadOnlyMemory<byte> Memory => new(Array, 0, Length);

    private byte[] Array => array ?? throw new ObjectDisposedException(nameof(ImageBuffer));

    internal static ImageBuffer Rent(int length) => new(ArrayPool<byte>.Shared.Rent(length), length);

    /// <summary>Takes over an array rented from <see cref="ArrayPool{T}.Shared"/> whose first <paramref name="length"/> bytes are filled, so a read need not copy.</summary>
    internal static ImageBuffer FromRented(byte[] rented, int length)
    {
        ArgumentNullException.ThrowIfNull(rented);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, rented.Length);
        return new ImageBuffer(rented, length);
    }

    internal Span<byte> WritableSpan => new(Array, 0, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref array, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }
}
