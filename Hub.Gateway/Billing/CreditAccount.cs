using Hub.Core.Billing;

namespace Hub.Gateway.Billing;

/// <summary>
/// One account a request pays from: the organization's wallet, or one budget in its current period
/// (for a per-user budget, one end user's share). Each is a hash in Redis (<see cref="CreditKeys"/>).
/// </summary>
/// <param name="Budget">Null for the wallet.</param>
/// <param name="Subject">Who a budget account is for: the end user of a per-user budget, else the budget's scope id.</param>
internal sealed record CreditAccount(string Key, Guid OrganizationId, Budget? Budget, string Subject, DateTimeOffset PeriodStart, DateTimeOffset? PeriodEnd)
{
    public string ExpiryKey => CreditKeys.Expiries(Key);

    public static CreditAccount Wallet(Guid organizationId) =>
        new(CreditKeys.Wallet(organizationId), organizationId, null, organizationId.ToString("D"), DateTimeOffset.UnixEpoch, null);

    /// <summary>How a 402 names it: "wallet", or e.g. "project budget (monthly, 50.00 USD)".</summary>
    public string Describe() => Budget is { } budget
        ? $"{budget.Scope} budget ({budget.Period}, {Credits.ToUsd(budget.AmountCredits):0.00} USD)"
        : "wallet";
}
