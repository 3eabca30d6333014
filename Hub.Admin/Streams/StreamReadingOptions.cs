using System.ComponentModel.DataAnnotations;

namespace Hub.Admin.Streams;

/// <summary>How a stream consumer reads its consumer group: the settings every consumer's options share.</summary>
internal abstract class StreamReadingOptions
{
    /// <summary>Most stream entries read, and stored together, at a time. Default 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Milliseconds to wait after finding the stream empty. StackExchange.Redis has no blocking
    /// XREADGROUP (it would stall its shared connection), so consumers poll. Default 200.
    /// </summary>
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 200;

    /// <summary>
    /// Milliseconds an entry may stay read but unacknowledged by another consumer before this one
    /// takes it over (XAUTOCLAIM), on the assumption that its reader died. Checked every half of this.
    /// Must exceed the longest batch; a live reader that is overtaken only causes a duplicate, which
    /// the stores ignore. Default 30,000.
    /// </summary>
    [Range(100, 3_600_000)]
    public int ClaimIdleMs { get; set; } = 30_000;

    /// <summary>The consumer group settings for <paramref name="streamKey"/> with these values.</summary>
    public ConsumerGroupSettings For(string streamKey, string groupName, string deadLetterKey) =>
        new(streamKey, groupName, deadLetterKey, BatchSize, TimeSpan.FromMilliseconds(PollIntervalMs), TimeSpan.FromMilliseconds(ClaimIdleMs));
}
