using System.Buffers;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Reads an OpenAI-compatible SSE stream line by line and mends the lines that deviate
/// (<see cref="AnswerRewriter"/>); comment lines are dropped where the profile says so, and what Hub's
/// own <c>include_usage</c> added is taken out (<see cref="UsageChunkFilter"/>, when Hub asked). Every other
/// line passes unchanged. An event goes out as soon as its line is complete, so nothing is held back
/// longer than the upstream takes to finish the line it is writing.
/// </summary>
internal sealed class CompatibleStreamFilter(Stream upstream, OpenAICompatibleProfile profile, UsageChunkFilter? usage = null) : ReadOnlyAsyncStream
{
    private const int ReadSize = 16 * 1024;

    private readonly ArrayBufferWriter<byte> partialLine = new(1024);
    private readonly ArrayBufferWriter<byte> output = new(ReadSize);
    private int outputRead;
    private bool droppedEvent;
    private bool ended;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (outputRead == output.WrittenCount)
        {
            if (ended)
            {
                return 0;
            }

            output.ResetWrittenCount();
            outputRead = 0;
            var chunk = ArrayPool<byte>.Shared.Rent(ReadSize);
            try
            {
                var read = await upstream.ReadAsync(chunk.AsMemory(0, ReadSize), cancellationToken);
                if (read == 0)
                {
                    ended = true;
                    output.Write(partialLine.WrittenSpan);
                    partialLine.ResetWrittenCount();
                }
                else
                {
                    Filter(chunk.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        var count = Math.Min(buffer.Length, output.WrittenCount - outputRead);
        output.WrittenSpan.Slice(outputRead, count).CopyTo(buffer.Span);
        outputRead += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            upstream.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await upstream.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Filter(ReadOnlySpan<byte> chunk)
    {
        while (chunk.IndexOf((byte)'\n') is var newline and >= 0)
        {
            var line = chunk[..newline];
            if (partialLine.WrittenCount > 0)
            {
                partialLine.Write(line);
                EmitLine(partialLine.WrittenSpan);
                partialLine.ResetWrittenCount();
            }
            else
            {
                EmitLine(line);
            }

            chunk = chunk[(newline + 1)..];
        }

        partialLine.Write(chunk);
    }

    /// <summary>
    /// A cheap look before parsing: only an event with an error, or a chunk whose <c>finish_reason</c> is a
    /// string (the last of a choice; every other chunk says null), can need mending.
    /// </summary>
    private bool MayDeviate(ReadOnlySpan<byte> json)
    {
        if (profile.NumericErrorCodes && json.IndexOf("\"error\":"u8) >= 0)
        {
            return true;
        }

        while (profile.FinishReasons is not null && json.IndexOf("\"finish_reason\""u8) is var at and >= 0)
        {
            json = json[(at + "\"finish_reason\"".Length)..].TrimStart(" \t:"u8);
            if (json.Length > 0 && json[0] == (byte)'"')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One line without its <c>\n</c> (a <c>\r</c> before it stays part of the line).</summary>
    private void EmitLine(ReadOnlySpan<byte> line)
    {
        if (profile.CommentLines && line.Length > 0 && line[0] == (byte)':')
        {
            droppedEvent = true;
            return;
        }

        var blank = line.IsEmpty || (line.Length == 1 && line[0] == (byte)'\r');
        if (blank && droppedEvent)
        {
            // The blank line that ended the dropped comment's (or usage chunk's) event.
            droppedEvent = false;
            return;
        }

        droppedEvent = false;
        if (!line.StartsWith("data: {"u8))
        {
            output.Write(line);
            output.Write("\n"u8);
            return;
        }

        var json = line["data: ".Length..];
        if (usage is not null && !usage.Filter(json, out json))
        {
            droppedEvent = true;
            return;
        }

        output.Write("data: "u8);
        output.Write(MayDeviate(json) && AnswerRewriter.Rewrite(json, profile) is { } mended ? mended : json);
        output.Write("\n"u8);
    }
}
