using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.Billing;

/// <summary>Wallet and budget settings (<c>Billing:*</c>). Defaults are what a new installation should run with.</summary>
internal sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>Managed price of open-weight models: list price plus this percentage.</summary>
    [Range(0, 1000)]
    public int OpenWeightMarkupPercent { get; set; } = 25;

    /// <summary>Managed price of closed models (and of models the catalog does not classify): list price plus this percentage.</summary>
    [Range(0, 1000)]
    public int ClosedMarkupPercent { get; set; } = 30;

    /// <summary>The least output worth paying for: a request whose balance cannot cover the prompt plus this many tokens gets 402.</summary>
    [Range(1, 1_000_000)]
    public int MinimumOutputTokens { get; set; } = 16;

    /// <summary>
    /// How long a hold lasts if its request is never settled (the gateway died): then the credits
    /// return to the balance by themselves. Longer than any request may take.
    /// </summary>
    [Range(10, 86_400)]
    public int HoldSeconds { get; set; } = 900;

    /// <summary>The time zone of budget periods (an IANA id such as <c>Europe/Berlin</c>): where "daily" turns over.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How long a gateway keeps an organization's budget list (Admin announces changes at once; this bounds a lost message).</summary>
    [Range(1, 3600)]
    public int BudgetCacheSeconds { get; set; } = 30;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class BillingOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<BillingOptions>;
