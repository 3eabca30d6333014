using System.Globalization;
using System.Net.Http.Headers;
using Hub.Core.Audit;
using Hub.Core.Billing.Alerts;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

using Hub.Testing.Fakes;

namespace Hub.Admin.Tests.Alerts;

[CollectionDefinition(Name)]
public sealed class BudgetAlertsGroup : ICollectionFixture<BudgetAlertsFixture>
{
    public const string Name = "Budget alerts";
}

/// <summary>
/// Postgres and Redis of their own, so the only consumer of the alert and audit streams and the only
/// dispatcher of deliveries is this Admin instance, set for tests: fast polling, http to loopback
/// allowed, 3 attempts 20 ms → 80 ms apart, take-over of a dead consumer's entries after half a second.
/// Plus a webhook receiver, and the log lines.
/// </summary>
public sealed class BudgetAlertsFixture : IAsyncLifetime
{
    public const int MaxAttempts = 3;

    public LocalInfrastructure Infrastructure { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public FakeWebhookReceiver Receiver { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public IDatabase Database => Redis.GetDatabase();

    public BudgetAlertRepository Alerts => Factory.Services.GetRequiredService<BudgetAlertRepository>();

    public AuditRepository Audit => Factory.Services.GetRequiredService<AuditRepository>();

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync(Infrastructure.RedisConnectionString);
        Receiver = await FakeWebhookReceiver.StartAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:hubdb", Infrastructure.DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:cache", Infrastructure.RedisConnectionString);
            web.UseSetting("Audit:Consumer:PollIntervalMs", "20");
            web.UseSetting("BudgetAlerts:PollIntervalMs", "20");
            web.UseSetting("BudgetAlerts:ClaimIdleMs", "500");
            web.UseSetting("BudgetAlerts:MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("BudgetAlerts:RetryInitialDelayMs", "20");
            web.UseSetting("BudgetAlerts:RetryMaxDelayMs", "80");
            web.UseSetting("BudgetAlerts:DeliveryTimeoutMs", "30000");
            web.UseSetting("BudgetAlerts:DeliveryConcurrency", "4");
            web.UseSetting("BudgetAlerts:DeliveryPollIntervalMs", "20");
            web.UseSetting("BudgetAlerts:AllowLoopbackHttp", "true");
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
        });
        using var client = Factory.CreateClient();
        await AdminFixture.WaitUntilHealthyAsync(client);
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public HttpClient CreateClient(string? adminToken)
    {
        var client = Factory.CreateClient();
        if (adminToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }

        return client;
    }

    /// <summary>A <c>budgets</c> row (migration 0005), written as the lead's Admin API will.</summary>
    public async Task<Guid> CreateBudgetAsync(Guid organizationId, string scope, string scopeId, string period = "monthly", long amountCredits = 10_000_000)
    {
        await using var command = Infrastructure.DataSource.CreateCommand(
            "INSERT INTO budgets (organization_id, scope, scope_id, period, amount_credits) VALUES ($1, $2, $3, $4, $5) RETURNING id");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = scopeId });
        command.Parameters.Add(new() { Value = period });
        command.Parameters.Add(new() { Value = amountCredits });
        return (Guid)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Writes the alert to the stream as a gateway does.</summary>
    public async Task<RedisValue> ReportAsync(BudgetAlert alert) =>
        await Database.StreamAddAsync(BudgetAlertFeed.Key, BudgetAlertFeed.AlertField, BudgetAlertFeed.Serialize(alert));

    /// <summary>The organization's alerts once <paramref name="condition"/> holds.</summary>
    public Task<IReadOnlyList<BudgetAlertRecord>> AlertsWhenAsync(Guid organizationId, Func<IReadOnlyList<BudgetAlertRecord>, bool> condition, string what) =>
        Eventually.Until(() => Alerts.QueryAsync(organizationId, new BudgetAlertQuery(), TestContext.Current.CancellationToken), condition, what);

    /// <summary>Waits until the entry is acknowledged and deleted from the stream: the consumer is done with it.</summary>
    public Task ProcessedAsync(RedisValue entryId) =>
        Eventually.Until(() => Database.StreamRangeAsync(BudgetAlertFeed.Key, entryId, entryId), e => e.Length == 0, $"entry {entryId} to be processed");

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
        await Redis.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
