using Hub.Core.Billing.Alerts;

namespace Hub.Core.Tests.Billing.Alerts;

public sealed class BudgetAlertFeedTests
{
    /// <summary>The entry a gateway writes, as issue #7's alert contract spells it.</summary>
    private const string GatewayJson = """
        {"organization_id": "6f0c3b8e-6c43-4d5e-9a43-0d5b8c1f2a11", "budget_id": "0b9d1f7a-2f2e-4b8e-8f57-3c1d2e4f5a6b",
         "scope": "user", "scope_id": "*", "subject": "user-42", "period": "daily",
         "period_start": "2026-12-02T00:00:00Z", "threshold": 80, "spent_credits": 8000000, "amount_credits": 10000000,
         "occurred_at": "2026-12-02T06:49:00.123456Z"}
        """;

    private static readonly BudgetAlert Expected = new(
        Guid.Parse("6f0c3b8e-6c43-4d5e-9a43-0d5b8c1f2a11"), Guid.Parse("0b9d1f7a-2f2e-4b8e-8f57-3c1d2e4f5a6b"), "user", "*", "user-42", "daily",
        new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), 80, 8_000_000, 10_000_000,
        new DateTimeOffset(2026, 12, 2, 6, 49, 0, TimeSpan.Zero).AddTicks(1_234_560));

    [Fact]
    public void Deserialize_GatewayJson_EveryField() => Assert.Equal(Expected, BudgetAlertFeed.Deserialize(GatewayJson));

    [Fact]
    public void Serialize_Alert_SnakeCaseRoundTrip()
    {
        var json = BudgetAlertFeed.Serialize(Expected);

        Assert.Contains("\"spent_credits\":8000000", json, StringComparison.Ordinal);
        Assert.Contains("\"period_start\":\"2026-12-02T00:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.Equal(Expected, BudgetAlertFeed.Deserialize(json));
    }

    [Fact]
    public void EventId_PerUserBudget_BudgetPeriodThresholdAndSubjectHash() =>
        // SHA-256("user-42") = 6d894aa3ee802549…, computed apart from the code under test.
        Assert.Equal("alert_0b9d1f7a2f2e4b8e8f573c1d2e4f5a6b_20261202T000000Z_80_6d894aa3ee802549", BudgetAlertEventId.For(Expected));

    [Fact]
    public void EventId_BudgetWithOneSubject_NoHash() =>
        Assert.Equal(
            "alert_0b9d1f7a2f2e4b8e8f573c1d2e4f5a6b_20261202T000000Z_100",
            BudgetAlertEventId.For(Expected with { Scope = "project", ScopeId = "p1", Subject = "p1", Threshold = 100 }));

    [Fact]
    public void EventId_PeriodStartWithOffset_WrittenInUtc() =>
        Assert.StartsWith(
            "alert_0b9d1f7a2f2e4b8e8f573c1d2e4f5a6b_20261201T230000Z_",
            BudgetAlertEventId.For(Expected with { PeriodStart = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(1)) }),
            StringComparison.Ordinal);
}
