using System.ComponentModel.DataAnnotations;
using Hub.Admin.Streams;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Alerts;

/// <summary>How budget alerts are read from the stream and delivered to webhooks (section <c>BudgetAlerts</c>).</summary>
internal sealed class BudgetAlertOptions : StreamReadingOptions
{
    public const string SectionName = "BudgetAlerts";

    /// <summary>Attempts per delivery, the first included, before it is given up as failed. Default 6.</summary>
    [Range(1, 30)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// Milliseconds before the second attempt; each further wait doubles, up to <see cref="RetryMaxDelayMs"/>,
    /// and every wait is jittered by ±20 %. Default 1,000 (waits 1, 2, 4, 8, 16 s with the default attempts).
    /// </summary>
    [Range(1, 3_600_000)]
    public int RetryInitialDelayMs { get; set; } = 1_000;

    /// <summary>Longest wait between attempts, before jitter, in milliseconds. Default 32,000.</summary>
    [Range(1, 86_400_000)]
    public int RetryMaxDelayMs { get; set; } = 32_000;

    /// <summary>Milliseconds an attempt may take, connecting included, before it counts as a timeout. Default 10,000.</summary>
    [Range(100, 120_000)]
    public int DeliveryTimeoutMs { get; set; } = 10_000;

    /// <summary>Attempts one Admin instance makes at the same time, so a slow receiver does not hold up the others. Default 8.</summary>
    [Range(1, 256)]
    public int DeliveryConcurrency { get; set; } = 8;

    /// <summary>Milliseconds between looks for due deliveries (a new alert is sent at once; this paces retries). Default 1,000.</summary>
    [Range(10, 60_000)]
    public int DeliveryPollIntervalMs { get; set; } = 1_000;

    /// <summary>
    /// Whether a webhook URL may be plain http to a loopback address (localhost, 127.0.0.0/8, ::1), for
    /// development and tests. Otherwise only https is accepted. Default false.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long a taken delivery stays reserved: its timeout plus time to record the outcome.</summary>
    public TimeSpan DeliveryLease => TimeSpan.FromMilliseconds(DeliveryTimeoutMs) + TimeSpan.FromSeconds(30);
}

[OptionsValidator]
internal sealed partial class BudgetAlertOptionsValidator : IValidateOptions<BudgetAlertOptions>;

/// <summary>Rules across fields, which DataAnnotations cannot state.</summary>
internal sealed class BudgetAlertOptionsRulesValidator : IValidateOptions<BudgetAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetAlertOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        if (options.RetryInitialDelayMs > options.RetryMaxDelayMs)
        {
            result.AddError("must not exceed RetryMaxDelayMs", nameof(BudgetAlertOptions.RetryInitialDelayMs));
        }

        return result.Build();
    }
}
