using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Audit;

/// <summary>How <see cref="AuditStreamConsumer"/> reads the audit stream (section <c>Audit:Consumer</c>).</summary>
internal sealed class AuditConsumerOptions
{
    public const string SectionName = "Audit:Consumer";

    /// <summary>Most entries read, and appended in one transaction, at a time. Default 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Milliseconds to wait after finding the stream empty. StackExchange.Redis has no blocking
    /// XREADGROUP (it would stall its shared connection), so the consumer polls. Default 200.
    /// </summary>
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 200;

    /// <summary>
    /// Milliseconds an entry may stay read but unacknowledged by another consumer before this one
    /// takes it over (XAUTOCLAIM), on the assumption that its reader died. Checked every half of this.
    /// Must exceed the longest append; a live reader that is overtaken only causes a duplicate, which
    /// is ignored. Default 30,000.
    /// </summary>
    [Range(100, 3_600_000)]
    public int ClaimIdleMs { get; set; } = 30_000;
}

[OptionsValidator]
internal sealed partial class AuditConsumerOptionsValidator : IValidateOptions<AuditConsumerOptions>;

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<Core.Audit.AuditOptions>;
