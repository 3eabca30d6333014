using Hub.Core.Audit;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Audit;

public sealed class AuditRepositoryTests(LocalInfrastructure infrastructure)
{
    private readonly AuditTestDatabase db = new(infrastructure);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendAsync_NewEvent_StoresEveryFieldAsFirstLinkOfChain()
    {
        var organizationId = await db.NewOrganizationAsync();
        var sent = AuditEventSamples.Completed(organizationId);
        var before = DateTimeOffset.UtcNow;

        var result = await db.Repository.AppendAsync([sent], Cancel);
        var stored = Assert.Single(await db.ChainAsync(organizationId));

        Assert.Equal(new AuditAppendResult(1, 0), result);
        Assert.True(AuditEventSamples.SameFields(sent, stored.Event), $"{AuditFeed.Serialize(sent)}\n{AuditFeed.Serialize(stored.Event)}");
        Assert.Equal(1, stored.Seq);
        Assert.Equal(AuditChain.Genesis(), stored.PrevHash);
        Assert.Equal(AuditChain.ComputeRowHash(stored), stored.RowHash);
        Assert.Equal(sent.OccurredAt.AddDays(90), stored.RetainUntil);
        Assert.InRange(stored.RecordedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task AppendAsync_BlockedEventWithNulls_RoundTrips()
    {
        var organizationId = await db.NewOrganizationAsync();
        var sent = AuditEventSamples.Blocked(organizationId) with { ProjectId = null, PolicyId = null, EndUser = null, PromptSha256 = null };

        await db.Repository.AppendAsync([sent], Cancel);
        var stored = Assert.Single(await db.ChainAsync(organizationId));

        Assert.True(AuditEventSamples.SameFields(sent, stored.Event), $"{AuditFeed.Serialize(sent)}\n{AuditFeed.Serialize(stored.Event)}");
        Assert.True((await db.Repository.VerifyAsync(organizationId, Cancel)).Ok);
    }

    [Fact]
    public async Task AppendAsync_SeveralBatches_LinksEachRowToThePrevious()
    {
        var organizationId = await db.NewOrganizationAsync();

        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId), AuditEventSamples.Blocked(organizationId)], Cancel);
        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId)], Cancel);
        var chain = await db.ChainAsync(organizationId);

        Assert.Equal([1L, 2L, 3L], chain.Select(r => r.Seq));
        Assert.Equal(chain[0].RowHash, chain[1].PrevHash);
        Assert.Equal(chain[1].RowHash, chain[2].PrevHash);
    }

    [Fact]
    public async Task AppendAsync_RedeliveredEvents_StoredOnceAndChainNotAdvanced()
    {
        var organizationId = await db.NewOrganizationAsync();
        var first = AuditEventSamples.Completed(organizationId);
        var second = AuditEventSamples.Completed(organizationId);
        await db.Repository.AppendAsync([first, second], Cancel);

        var again = await db.Repository.AppendAsync([second, first], Cancel);
        var withNew = await db.Repository.AppendAsync([first, AuditEventSamples.Blocked(organizationId)], Cancel);

        Assert.Equal(new AuditAppendResult(0, 2), again);
        Assert.Equal(new AuditAppendResult(1, 1), withNew);
        Assert.Equal([1L, 2L, 3L], (await db.ChainAsync(organizationId)).Select(r => r.Seq));
        Assert.Equal(new AuditVerification(true, 3, null), await db.Repository.VerifyAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task AppendAsync_SameCorrelationIdTwiceInOneBatch_StoredOnce()
    {
        var organizationId = await db.NewOrganizationAsync();
        var auditEvent = AuditEventSamples.Completed(organizationId);

        var result = await db.Repository.AppendAsync([auditEvent, auditEvent], Cancel);

        Assert.Equal(new AuditAppendResult(1, 1), result);
        Assert.Single(await db.ChainAsync(organizationId));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentWritersOnOneOrganization_OneContiguousChain()
    {
        var organizationId = await db.NewOrganizationAsync();
        var other = await db.NewOrganizationAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.Repository.AppendAsync(
            [.. Enumerable.Range(0, 5).SelectMany(_ => new[] { AuditEventSamples.Completed(organizationId), AuditEventSamples.Completed(other) })],
            Cancel)));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), (await db.ChainAsync(organizationId)).Select(r => r.Seq));
        Assert.Equal(new AuditVerification(true, 20, null), await db.Repository.VerifyAsync(organizationId, Cancel));
        Assert.Equal(new AuditVerification(true, 20, null), await db.Repository.VerifyAsync(other, Cancel));
    }

    [Fact]
    public async Task AppendAsync_TwoOrganizations_EachHasItsOwnChain()
    {
        var first = await db.NewOrganizationAsync();
        var second = await db.NewOrganizationAsync();

        await db.Repository.AppendAsync(
            [AuditEventSamples.Completed(first), AuditEventSamples.Completed(second), AuditEventSamples.Completed(first)], Cancel);
        var firstChain = await db.ChainAsync(first);
        var secondChain = await db.ChainAsync(second);

        Assert.Equal([1L, 2L], firstChain.Select(r => r.Seq));
        Assert.Equal(AuditChain.Genesis(), Assert.Single(secondChain).PrevHash);
        Assert.All(firstChain, r => Assert.Equal(first, r.Event.OrganizationId));
    }

    [Fact]
    public async Task AppendAsync_InvalidEvent_ThrowsAndStoresNothing()
    {
        var organizationId = await db.NewOrganizationAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => db.Repository.AppendAsync(
            [AuditEventSamples.Completed(organizationId), AuditEventSamples.Completed(organizationId) with { EndUser = "nul\0byte" }], Cancel));

        Assert.Empty(await db.ChainAsync(organizationId));
    }

    [Fact]
    public async Task AppendAsync_OrganizationRetention_SetsRetainUntil()
    {
        var organizationId = await db.NewOrganizationAsync();
        await db.Retention.SetDaysAsync(organizationId, 30, Cancel);
        var auditEvent = AuditEventSamples.Completed(organizationId);

        await db.Repository.AppendAsync([auditEvent], Cancel);

        Assert.Equal(auditEvent.OccurredAt.AddDays(30), Assert.Single(await db.ChainAsync(organizationId)).RetainUntil);
    }

    [Fact]
    public async Task AppendAsync_RetentionShortened_RetainUntilNeverDecreasesAlongChain()
    {
        var organizationId = await db.NewOrganizationAsync();
        await db.Retention.SetDaysAsync(organizationId, 365, Cancel);
        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId)], Cancel);
        await db.Retention.SetDaysAsync(organizationId, 7, Cancel);

        await db.Repository.AppendAsync([AuditEventSamples.Completed(organizationId)], Cancel);
        var chain = await db.ChainAsync(organizationId);

        Assert.Equal(chain[0].RetainUntil, chain[1].RetainUntil);
    }

    [Fact]
    public async Task QueryAsync_AnotherOrganizationsCorrelationId_FindsNothing()
    {
        var mine = await db.NewOrganizationAsync();
        var theirs = AuditEventSamples.Completed(await db.NewOrganizationAsync());
        await db.Repository.AppendAsync([theirs], Cancel);

        var found = await db.Repository.QueryAsync(mine, new AuditQuery(CorrelationId: theirs.CorrelationId), Cancel);

        Assert.Empty(found);
    }

    [Fact]
    public async Task QueryAsync_Filters_MatchOnlyTheirRows()
    {
        var organizationId = await db.NewOrganizationAsync();
        var projectId = Guid.NewGuid();
        var early = AuditEventSamples.Completed(organizationId, projectId, occurredAt: AuditEventSamples.Now().AddHours(-2));
        var blocked = AuditEventSamples.Blocked(organizationId, projectId);
        var elsewhere = AuditEventSamples.Completed(organizationId);
        await db.Repository.AppendAsync([early, blocked, elsewhere], Cancel);

        Task<IReadOnlyList<AuditRecord>> Query(AuditQuery query) => db.Repository.QueryAsync(organizationId, query, Cancel);

        Assert.Equal([blocked.CorrelationId, early.CorrelationId], (await Query(new(ProjectId: projectId))).Select(r => r.Event.CorrelationId));
        Assert.Equal([blocked.CorrelationId], (await Query(new(Entity: "US_SSN"))).Select(r => r.Event.CorrelationId));
        Assert.Equal([blocked.CorrelationId], (await Query(new(Status: 400))).Select(r => r.Event.CorrelationId));
        Assert.Equal([blocked.CorrelationId], (await Query(new(Outcome: AuditOutcomes.Blocked))).Select(r => r.Event.CorrelationId));
        Assert.Equal([early.CorrelationId], (await Query(new(To: AuditEventSamples.Now().AddHours(-1)))).Select(r => r.Event.CorrelationId));
        Assert.Equal(2, (await Query(new(From: AuditEventSamples.Now().AddHours(-1)))).Count);
        Assert.Equal([elsewhere.CorrelationId], (await Query(new(Limit: 1))).Select(r => r.Event.CorrelationId));
        Assert.Equal([early.CorrelationId], (await Query(new(BeforeSeq: 2))).Select(r => r.Event.CorrelationId));
    }

    [Theory]
    [InlineData("UPDATE audit_events SET status = 200 WHERE correlation_id = $1")]
    [InlineData("DELETE FROM audit_events WHERE correlation_id = $1")]
    public async Task Trigger_UpdateOrDelete_Rejected(string sql)
    {
        var organizationId = await db.NewOrganizationAsync();
        var auditEvent = AuditEventSamples.Blocked(organizationId);
        await db.Repository.AppendAsync([auditEvent], Cancel);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(sql, auditEvent.CorrelationId));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(400, Assert.Single(await db.ChainAsync(organizationId)).Event.Status);
    }

    [Fact]
    public async Task Trigger_TruncateTableOrPartition_Rejected()
    {
        var organizationId = await db.NewOrganizationAsync();
        var auditEvent = AuditEventSamples.Completed(organizationId);
        await db.Repository.AppendAsync([auditEvent], Cancel);
        var partition = AuditPartitions.Name(AuditPartitions.MonthOf(auditEvent.OccurredAt.AddDays(90)));

        var onTable = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("TRUNCATE audit_events"));
        var onPartition = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"TRUNCATE {partition}"));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, onTable.SqlState);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, onPartition.SqlState);
        Assert.Single(await db.ChainAsync(organizationId));
    }
}
