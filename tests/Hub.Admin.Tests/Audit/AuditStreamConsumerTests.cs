using Hub.Admin.Audit;
using Hub.Core.Audit;
using Hub.Testing;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Audit;

public sealed class AuditStreamConsumerTests(AuditConsumerFixture fixture) : IClassFixture<AuditConsumerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamEntry_AsTheGatewayWritesIt_StoredWithEveryFieldAndChainVerifies()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId);

        await fixture.Database.StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(sent));
        var stored = await StoredAsync(tenant.OrganizationId, sent.CorrelationId, count: 1);

        Assert.True(AuditEventSamples.SameFields(sent, stored[0].Event), $"{AuditFeed.Serialize(sent)}\n{AuditFeed.Serialize(stored[0].Event)}");
        Assert.Equal(new AuditVerification(true, 1, null), await fixture.Repository.VerifyAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task StreamEntry_Stored_AcknowledgedAndDeletedFromStream()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Blocked(tenant.OrganizationId, tenant.ProjectId);

        var id = await fixture.Database.StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(sent));
        await StoredAsync(tenant.OrganizationId, sent.CorrelationId, count: 1);

        await Eventually.Until(() => fixture.Database.StreamRangeAsync(AuditFeed.Key, id, id), e => e.Length == 0, "the entry's deletion");
        var pending = await fixture.Database.StreamPendingMessagesAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, 10, RedisValue.Null, id, id);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task StreamEntry_ReadByConsumerThatDiedBeforeStoring_TakenOverAndStored()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Completed(tenant.OrganizationId);

        await AddAndReadAsDeadConsumerAsync(sent);
        var stored = await StoredAsync(tenant.OrganizationId, sent.CorrelationId, count: 1);

        Assert.True(AuditEventSamples.SameFields(sent, stored[0].Event));
    }

    [Fact]
    public async Task StreamEntry_ReadByConsumerThatDiedAfterStoringBeforeAck_StoredOnce()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Completed(tenant.OrganizationId);
        await fixture.Repository.AppendAsync([sent], Cancel);

        var id = await AddAndReadAsDeadConsumerAsync(sent);
        await Eventually.Until(() => fixture.Database.StreamRangeAsync(AuditFeed.Key, id, id), e => e.Length == 0, "the redelivered entry's acknowledgement");

        var stored = await fixture.Repository.QueryAsync(tenant.OrganizationId, new AuditQuery(), Cancel);
        Assert.Equal(sent.CorrelationId, Assert.Single(stored).Event.CorrelationId);
        Assert.Equal(new AuditVerification(true, 1, null), await fixture.Repository.VerifyAsync(tenant.OrganizationId, Cancel));
    }

    [Theory]
    [InlineData("event", "{\"correlation_id\": \"req_canary_MALFORMED_7f3a\", ")]
    [InlineData("event", "{\"correlation_id\": \"req_canary_INVALID_7f3a\", \"entities\": [], \"fallbacks\": []}")]
    [InlineData("payload", "req_canary_NOFIELD_7f3a")]
    public async Task StreamEntry_Unusable_DeadLetteredWithoutContentInLogsAndNextEntryStored(string field, string value)
    {
        var tenant = await fixture.NewTenantAsync();
        var next = AuditEventSamples.Completed(tenant.OrganizationId);

        var badId = await fixture.Database.StreamAddAsync(AuditFeed.Key, field, value);
        await fixture.Database.StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(next));
        await StoredAsync(tenant.OrganizationId, next.CorrelationId, count: 1);

        var dead = await Eventually.Until(
            () => fixture.Database.StreamRangeAsync(AuditStreamConsumer.DeadLetterKey),
            entries => entries.Any(e => e["source_id"] == badId),
            "the dead letter");
        var letter = dead.Single(e => e["source_id"] == badId);
        Assert.Equal(value, letter[field].ToString());
        Assert.False(letter["reason"].IsNullOrEmpty);
        // Acknowledged and deleted with the rest of its batch, right after the batch's commit.
        await Eventually.Until(
            () => fixture.Database.StreamRangeAsync(AuditFeed.Key, badId, badId), entries => entries.Length == 0, "the dead-lettered entry's deletion");
        Assert.Contains(fixture.Logs.Lines, line => line.Contains(badId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("canary", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// XADD and XREADGROUP in one MULTI, so no live consumer can read the entry first: it is then
    /// pending under a consumer that never acknowledges, as if its process had died.
    /// </summary>
    private async Task<RedisValue> AddAndReadAsDeadConsumerAsync(AuditEvent auditEvent)
    {
        await EnsureGroupAsync();
        var transaction = fixture.Database.CreateTransaction();
        var add = transaction.StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(auditEvent));
        var read = transaction.StreamReadGroupAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, "dead-consumer", ">", 1000);
        Assert.True(await transaction.ExecuteAsync());
        var id = await add;
        Assert.Contains(await read, e => e.Id == id);
        return id;
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await fixture.Database.StreamCreateConsumerGroupAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The consumer created it already.
        }
    }

    private async Task<IReadOnlyList<AuditRecord>> StoredAsync(Guid organizationId, string correlationId, int count) =>
        await Eventually.Until(
            () => fixture.Repository.QueryAsync(organizationId, new AuditQuery(CorrelationId: correlationId), Cancel),
            rows => rows.Count >= count,
            $"audit row {correlationId}");
}
