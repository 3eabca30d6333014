using Hub.Core.Audit;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Audit;

/// <summary>
/// Postgres and Redis of their own, so the only consumer of the audit stream is this Admin instance
/// (the assembly's shared Admin would race it for entries), which takes over entries left idle by a
/// dead consumer after half a second, and whose log lines are kept.
/// </summary>
public sealed class AuditConsumerFixture : IAsyncLifetime
{
    public const int ClaimIdleMs = 500;

    public LocalInfrastructure Infrastructure { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public IDatabase Database => Redis.GetDatabase();

    public AuditRepository Repository => Factory.Services.GetRequiredService<AuditRepository>();

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Redis = await ConnectionMultiplexer.ConnectAsync(Infrastructure.RedisConnectionString);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:hubdb", Infrastructure.DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:cache", Infrastructure.RedisConnectionString);
            web.UseSetting("Audit:Consumer:ClaimIdleMs", ClaimIdleMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Audit:Consumer:PollIntervalMs", "20");
            web.ConfigureLogging(logging => logging.AddProvider(Logs));
        });
        using var client = Factory.CreateClient();
        await AdminFixture.WaitUntilHealthyAsync(client);
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Redis.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
