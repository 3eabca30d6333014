using Hub.Core.Audit;
using Hub.Testing;

namespace Hub.Core.Tests.Audit;

/// <summary>An attacker with superuser rights switches the trigger off and changes the table; verification must say where.</summary>
public sealed class AuditVerificationTests(LocalInfrastructure infrastructure)
{
    private readonly AuditTestDatabase db = new(infrastructure);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_UntouchedChain_Ok()
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(true, events.Length, null), result);
    }

    [Fact]
    public async Task VerifyAsync_NoEvents_OkWithNothingChecked()
    {
        var result = await db.Repository.VerifyAsync(await db.NewOrganizationAsync(), Cancel);

        Assert.Equal(new AuditVerification(true, 0, null), result);
    }

    [Theory]
    [InlineData("status = 200")]
    [InlineData("model_served = 'cheaper-model'")]
    [InlineData("entities = '[]'")]
    [InlineData("cost_micros = 1")]
    [InlineData("fallbacks = '{anthropic}'")]
    [InlineData("retain_until = retain_until + interval '1 microsecond'")]
    [InlineData("project_id = NULL")]
    public async Task VerifyAsync_ColumnChanged_ReportsThatRowAltered(string assignment)
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        await db.TamperAsync($"UPDATE audit_events SET {assignment} WHERE correlation_id = $1", events[1].CorrelationId);
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 1, new AuditChainBreak(2, events[1].CorrelationId, AuditChainBreak.Altered)), result);
    }

    [Fact]
    public async Task VerifyAsync_RowChangedAndRehashed_ReportsNextRowUnlinked()
    {
        var (organizationId, events) = await ChainOfThreeAsync();
        var chain = await db.ChainAsync(organizationId);
        var forged = chain[1] with { Event = chain[1].Event with { Status = 200 } };

        await db.TamperAsync(
            "UPDATE audit_events SET status = 200, row_hash = $2 WHERE correlation_id = $1",
            events[1].CorrelationId, AuditChain.ComputeRowHash(forged));
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 2, new AuditChainBreak(3, events[2].CorrelationId, AuditChainBreak.Unlinked)), result);
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeleted_ReportsGapAtNextRow()
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        await db.TamperAsync("DELETE FROM audit_events WHERE correlation_id = $1", events[1].CorrelationId);
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 1, new AuditChainBreak(3, events[2].CorrelationId, AuditChainBreak.Missing)), result);
    }

    [Fact]
    public async Task VerifyAsync_FirstRowDeleted_ReportsGap()
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        await db.TamperAsync("DELETE FROM audit_events WHERE correlation_id = $1", events[0].CorrelationId);
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 0, new AuditChainBreak(2, events[1].CorrelationId, AuditChainBreak.Missing)), result);
    }

    [Fact]
    public async Task VerifyAsync_LastRowDeleted_ReportsTruncated()
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        await db.TamperAsync("DELETE FROM audit_events WHERE correlation_id = $1", events[2].CorrelationId);
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 2, new AuditChainBreak(3, null, AuditChainBreak.Truncated)), result);
    }

    [Fact]
    public async Task VerifyAsync_LastRowChangedAndRehashed_ReportsItAltered()
    {
        var (organizationId, events) = await ChainOfThreeAsync();
        var chain = await db.ChainAsync(organizationId);
        var forged = chain[2] with { Event = chain[2].Event with { CostMicros = 0 } };

        await db.TamperAsync(
            "UPDATE audit_events SET cost_micros = 0, row_hash = $2 WHERE correlation_id = $1",
            events[2].CorrelationId, AuditChain.ComputeRowHash(forged));
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 2, new AuditChainBreak(3, events[2].CorrelationId, AuditChainBreak.Altered)), result);
    }

    [Fact]
    public async Task VerifyAsync_RowsSwapped_ReportsBreak()
    {
        var (organizationId, events) = await ChainOfThreeAsync();

        await db.TamperAsync("""
            UPDATE audit_events SET seq = CASE seq WHEN 1 THEN 2 ELSE 1 END
            WHERE organization_id = $1 AND seq IN (1, 2)
            """, organizationId);
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.False(result.Ok);
        Assert.Equal(1, result.FirstBroken!.Seq);
        Assert.Equal(events[1].CorrelationId, result.FirstBroken.CorrelationId);
    }

    [Fact]
    public async Task VerifyAsync_AnotherOrganizationTampered_StillOk()
    {
        var (mine, _) = await ChainOfThreeAsync();
        var (_, theirs) = await ChainOfThreeAsync();

        await db.TamperAsync("DELETE FROM audit_events WHERE correlation_id = $1", theirs[1].CorrelationId);
        var result = await db.Repository.VerifyAsync(mine, Cancel);

        Assert.True(result.Ok);
    }

    private async Task<(Guid OrganizationId, AuditEvent[] Events)> ChainOfThreeAsync()
    {
        var organizationId = await db.NewOrganizationAsync();
        AuditEvent[] events = [AuditEventSamples.Completed(organizationId), AuditEventSamples.Blocked(organizationId), AuditEventSamples.Completed(organizationId)];
        await db.Repository.AppendAsync(events[..2], Cancel);
        await db.Repository.AppendAsync(events[2..], Cancel);
        return (organizationId, events);
    }
}
