namespace Hub.Admin.Api;

/// <summary>What Admin needs of the <c>Billing</c> settings the gateways use: the time zone of budget periods.</summary>
internal sealed class AdminBillingOptions
{
    public const string SectionName = "Billing";

    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
