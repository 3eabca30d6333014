using Hub.Core.Billing;
using Hub.Gateway.Auth;

namespace Hub.Gateway.Billing;

/// <summary>Which accounts a request pays from: the wallet, then every budget that covers its organization, project, key or end user.</summary>
internal static class PayingAccounts
{
    public static List<CreditAccount> For(GatewayCaller caller, string? endUser, IReadOnlyList<Budget> budgets, DateTimeOffset now, TimeZoneInfo zone)
    {
        var accounts = new List<CreditAccount>(1 + budgets.Count) { CreditAccount.Wallet(caller.OrganizationId) };
        foreach (var budget in budgets)
        {
            if (SubjectOf(budget, caller, endUser) is { } subject)
            {
                var (start, end) = BudgetPeriods.Window(budget.Period, now, zone);
                accounts.Add(new CreditAccount(CreditKeys.Budget(budget, start, subject), caller.OrganizationId, budget, subject, start, end));
            }
        }

        return accounts;
    }

    /// <summary>Who the budget counts this request against, or null when it does not cover the request.</summary>
    private static string? SubjectOf(Budget budget, GatewayCaller caller, string? endUser) => budget.Scope switch
    {
        BudgetScopes.Organization => budget.ScopeId,
        BudgetScopes.Project when caller.ProjectId is { } project && Matches(budget, project) => budget.ScopeId,
        BudgetScopes.Key when Matches(budget, caller.KeyId) => budget.ScopeId,
        BudgetScopes.User when endUser is not null && (budget.ScopeId == Budget.EveryUser || string.Equals(budget.ScopeId, endUser, StringComparison.Ordinal)) => endUser,
        _ => null,
    };

    private static bool Matches(Budget budget, Guid id) => Guid.TryParse(budget.ScopeId, out var scoped) && scoped == id;
}
