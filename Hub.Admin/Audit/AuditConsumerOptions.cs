using Hub.Admin.Streams;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Audit;

/// <summary>How <see cref="AuditStreamConsumer"/> reads the audit stream (section <c>Audit:Consumer</c>).</summary>
internal sealed class AuditConsumerOptions : StreamReadingOptions
{
    public const string SectionName = "Audit:Consumer";
}

[OptionsValidator]
internal sealed partial class AuditConsumerOptionsValidator : IValidateOptions<AuditConsumerOptions>;

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<Core.Audit.AuditOptions>;
