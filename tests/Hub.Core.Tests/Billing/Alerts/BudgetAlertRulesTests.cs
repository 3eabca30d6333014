using Hub.Core.Billing.Alerts;

namespace Hub.Core.Tests.Billing.Alerts;

public sealed class BudgetAlertRulesTests
{
    private static readonly BudgetAlert Valid = new(
        Guid.NewGuid(), Guid.NewGuid(), "project", "p1", "p1", "monthly", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), 80, 8, 10,
        new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, BudgetAlert> Broken => new()
    {
        { "no organization", Valid with { OrganizationId = Guid.Empty } },
        { "no budget", Valid with { BudgetId = Guid.Empty } },
        { "unknown scope", Valid with { Scope = "team" } },
        { "unknown period", Valid with { Period = "hourly" } },
        { "empty scope_id", Valid with { ScopeId = "", Subject = "" } },
        { "null subject", Valid with { Subject = null! } },
        { "scope_id too long", Valid with { ScopeId = new string('x', 257), Subject = new string('x', 257) } },
        { "NUL in subject", Valid with { ScopeId = "p\01", Subject = "p\01" } },
        { "lone surrogate", Valid with { ScopeId = "p\ud800", Subject = "p\ud800" } },
        { "subject of a one-subject budget", Valid with { Subject = "someone-else" } },
        { "subject of a per-user budget for one user", Valid with { Scope = "user", ScopeId = "u1", Subject = "u2" } },
        { "no period_start", Valid with { PeriodStart = default } },
        { "no occurred_at", Valid with { OccurredAt = default } },
        { "period_start within a second", Valid with { PeriodStart = Valid.PeriodStart.AddMilliseconds(1) } },
        { "threshold 0", Valid with { Threshold = 0 } },
        { "negative spend", Valid with { SpentCredits = -1 } },
        { "zero amount", Valid with { AmountCredits = 0 } },
    };

    [Fact]
    public void Problem_Valid_None() => Assert.Null(BudgetAlertRules.Problem(Valid));

    [Fact]
    public void Problem_PerUserBudgetForEveryUser_SubjectIsTheEndUser() =>
        Assert.Null(BudgetAlertRules.Problem(Valid with { Scope = "user", ScopeId = "*", Subject = "user-42 😀" }));

    [Theory]
    [MemberData(nameof(Broken))]
    public void Problem_Broken_ReasonWithoutTheValue(string why, BudgetAlert alert)
    {
        var problem = BudgetAlertRules.Problem(alert);

        Assert.NotNull(problem);
        Assert.DoesNotContain("someone-else", problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }
}
