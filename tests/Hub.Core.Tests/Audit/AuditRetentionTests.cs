using Hub.Core.Audit;
using Hub.Testing;

namespace Hub.Core.Tests.Audit;

/// <summary>
/// Rows written as if long ago (occurred_at in the past), so their partitions have already expired.
/// Each test uses a month of its own; DropExpiredPartitionsAsync drops every expired partition, and
/// only this class writes any.
/// </summary>
public sealed class AuditRetentionTests(LocalInfrastructure infrastructure)
{
    private readonly AuditTestDatabase db = new(infrastructure);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DropExpiredPartitionsAsync_ExpiredRows_DroppedAndRemainderStillVerifies()
    {
        var organizationId = await db.NewOrganizationAsync();
        var longAgo = AuditEventSamples.Now().AddDays(-400);
        AuditEvent[] old = [.. Enumerable.Range(0, 3).Select(i => AuditEventSamples.Completed(organizationId, occurredAt: longAgo.AddMinutes(i)))];
        AuditEvent[] recent = [AuditEventSamples.Completed(organizationId), AuditEventSamples.Blocked(organizationId)];
        await db.Repository.AppendAsync(old, Cancel);
        await db.Repository.AppendAsync(recent, Cancel);

        var dropped = await db.Retention.DropExpiredPartitionsAsync(DateTimeOffset.UtcNow, Cancel);

        Assert.Contains(AuditPartitions.Name(AuditPartitions.MonthOf(longAgo.AddDays(90))), dropped);
        Assert.Equal([4L, 5L], (await db.ChainAsync(organizationId)).Select(r => r.Seq));
        Assert.Equal(new AuditVerification(true, 2, null), await db.Repository.VerifyAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task DropExpiredPartitionsAsync_AllRowsExpired_ChainContinuesFromAnchor()
    {
        var organizationId = await db.NewOrganizationAsync();
        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId, occurredAt: AuditEventSamples.Now().AddDays(-430))], Cancel);
        await db.Retention.DropExpiredPartitionsAsync(DateTimeOffset.UtcNow, Cancel);
        Assert.Equal(new AuditVerification(true, 0, null), await db.Repository.VerifyAsync(organizationId, Cancel));

        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId)], Cancel);

        Assert.Equal(2, Assert.Single(await db.ChainAsync(organizationId)).Seq);
        Assert.Equal(new AuditVerification(true, 1, null), await db.Repository.VerifyAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task DropExpiredPartitionsAsync_CurrentRows_Kept()
    {
        var organizationId = await db.NewOrganizationAsync();
        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId)], Cancel);

        await db.Retention.DropExpiredPartitionsAsync(DateTimeOffset.UtcNow, Cancel);

        Assert.Single(await db.ChainAsync(organizationId));
        Assert.Equal(new AuditVerification(true, 1, null), await db.Repository.VerifyAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task VerifyAsync_PartitionDroppedOutsideRetention_ReportsMissingRows()
    {
        var organizationId = await db.NewOrganizationAsync();
        var longAgo = AuditEventSamples.Now().AddDays(-500);
        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId, occurredAt: longAgo)], Cancel);
        var kept = AuditEventSamples.Completed(organizationId);
        await db.Repository.AppendAsync([kept], Cancel);

        // No anchor is recorded this way: DROP TABLE, as an attacker would, bypassing the repository.
        await db.ExecuteAsync($"DROP TABLE {AuditPartitions.Name(AuditPartitions.MonthOf(longAgo.AddDays(90)))}");
        var result = await db.Repository.VerifyAsync(organizationId, Cancel);

        Assert.Equal(new AuditVerification(false, 0, new AuditChainBreak(2, kept.CorrelationId, AuditChainBreak.Missing)), result);
    }

    [Fact]
    public async Task EnsurePartitionsAsync_CreatesTheMonthsNewRowsWillNeed()
    {
        var now = DateTimeOffset.UtcNow;

        await db.Retention.EnsurePartitionsAsync(now, Cancel);

        foreach (var month in new[] { AuditPartitions.MonthOf(now.AddDays(90)), AuditPartitions.MonthOf(now.AddDays(125)) })
        {
            await using var command = db.DataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
            command.Parameters.Add(new() { Value = AuditPartitions.Name(month) });
            Assert.Equal(true, await command.ExecuteScalarAsync(Cancel));
        }
    }

    [Fact]
    public async Task SetDaysAsync_RoundTripsAndClears()
    {
        var organizationId = await db.NewOrganizationAsync();

        Assert.True(await db.Retention.SetDaysAsync(organizationId, 400, Cancel));
        var set = await db.Retention.GetDaysAsync(organizationId, Cancel);
        await db.Retention.SetDaysAsync(organizationId, null, Cancel);

        Assert.Equal(400, set);
        Assert.Null(await db.Retention.GetDaysAsync(organizationId, Cancel));
        Assert.False(await db.Retention.SetDaysAsync(Guid.NewGuid(), 10, Cancel));
    }
}
