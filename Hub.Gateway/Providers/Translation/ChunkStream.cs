using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// A read-only <see cref="Stream"/> over the events a stream translator yields, so the relay reads a
/// translated answer exactly as it reads an OpenAI-compatible one. Nothing is buffered beyond the
/// event being copied out: each upstream event is translated when the relay asks for bytes.
/// Disposing it disposes the translator's enumerator, then <paramref name="owner"/> (the upstream response).
/// </summary>
internal sealed class ChunkStream(IAsyncEnumerable<ReadOnlyMemory<byte>> events, IDisposable? owner = null) : ReadOnlyAsyncStream
{
    private IAsyncEnumerator<ReadOnlyMemory<byte>>? enumerator;
    private ReadOnlyMemory<byte> current;
    private bool ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The first read's token (the client's abort token, for the relay) cancels the whole translation.
        enumerator ??= events.GetAsyncEnumerator(cancellationToken);
        while (current.IsEmpty)
        {
            if (ended || !await enumerator.MoveNextAsync())
            {
                ended = true;
                return 0;
            }

            current = enumerator.Current;
        }

        var count = Math.Min(buffer.Length, current.Length);
        current[..count].CopyTo(buffer);
        current = current[count..];
        return count;
    }

    public override async ValueTask DisposeAsync()
    {
        if (enumerator is not null)
        {
            await enumerator.DisposeAsync();
        }

        owner?.Dispose();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }
}
