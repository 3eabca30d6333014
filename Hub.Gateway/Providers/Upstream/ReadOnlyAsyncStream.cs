namespace Hub.Gateway.Providers.Upstream;

/// <summary>
/// The plumbing of a forward-only stream that is read asynchronously: what the relay reads when an
/// answer is translated (<c>ChunkStream</c>) or mended line by line (<c>CompatibleStreamFilter</c>).
/// Subclasses implement <see cref="ReadAsync(Memory{byte}, CancellationToken)"/> only.
/// </summary>
internal abstract class ReadOnlyAsyncStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reading synchronously would block a thread on the upstream; the relay never does.</summary>
    public sealed override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read this stream asynchronously.");

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
