using Hub.Core.Keys;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Hub.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.RateLimits;

[CollectionDefinition(Name)]
public sealed class RateLimitedGatewaysDefinition : ICollectionFixture<RateLimitedGateways>
{
    public const string Name = "Rate limits";
}

/// <summary>
/// Two gateway instances on the shared Postgres, Redis, scanner and fake upstream, sharing one fake
/// clock (so reset and retry times are exact) and the default loop protection (20 repeats in 60 s);
/// the shared <see cref="GatewayFixture"/> gateway has loop protection off. Tests in the collection
/// run one after another, so only one of them moves the clock at a time.
/// </summary>
public sealed class RateLimitedGateways(GatewayFixture fixture) : IAsyncLifetime
{
    private SideGateway? first;
    private SideGateway? second;

    /// <summary>Starts at the real time, so audit events and key dates look ordinary.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public GatewayFixture Shared => fixture;

    public Uri SecondUrl => second!.Url;

    public ValueTask InitializeAsync()
    {
        first = Start();
        second = Start();
        return ValueTask.CompletedTask;
    }

    public HttpClient CreateClient(string apiKey, bool second = false) => (second ? this.second! : first!).CreateClient(apiKey);

    /// <summary>A fresh organization whose project key has the given limits (null: the gateway's default).</summary>
    public async Task<(TestTenant Tenant, Guid KeyId)> TenantAsync(int? keyRequests = null, int? keyTokens = null)
    {
        var tenant = await fixture.NewTenantAsync();
        var keyId = (await tenant.Keys.FindAsync(tenant.ProjectKey, TestContext.Current.CancellationToken))!.Id;
        if (keyRequests is not null || keyTokens is not null)
        {
            await tenant.Keys.SetRateLimitsAsync(tenant.OrganizationId, keyId, new RateLimitOverrides(keyRequests, keyTokens), TestContext.Current.CancellationToken);
        }

        return (tenant, keyId);
    }

    public Task SetProjectLimitsAsync(TestTenant tenant, int? requests, int? tokens) =>
        new ProjectRepository(fixture.Infrastructure.DataSource)
            .SetRateLimitsAsync(tenant.OrganizationId, tenant.ProjectId, new RateLimitOverrides(requests, tokens), TestContext.Current.CancellationToken);

    /// <summary>Another key of the tenant: a project key of its project, or an account key.</summary>
    public async Task<IssuedApiKey> IssueKeyAsync(TestTenant tenant, ApiKeyKind kind, int? requests = null, int? tokens = null)
    {
        var cancel = TestContext.Current.CancellationToken;
        var issued = await tenant.Keys.IssueAsync(tenant.OrganizationId, kind == ApiKeyKind.Project ? tenant.ProjectId : null, kind, "rate limits", null, cancel);
        if (requests is not null || tokens is not null)
        {
            await tenant.Keys.SetRateLimitsAsync(tenant.OrganizationId, issued.Record.Id, new RateLimitOverrides(requests, tokens), cancel);
        }

        return issued;
    }

    /// <summary>A connection to the shared Redis, for publishing as Hub.Admin does.</summary>
    public IConnectionMultiplexer Redis => fixture.Services.GetRequiredService<IConnectionMultiplexer>();

    public async ValueTask DisposeAsync()
    {
        if (first is not null)
        {
            await first.DisposeAsync();
        }

        if (second is not null)
        {
            await second.DisposeAsync();
        }
    }

    /// <summary>The fixture's gateway with the default loop protection and the shared fake clock.</summary>
    private SideGateway Start() => SideGateway.Start(
        fixture,
        settings => settings.Remove("RateLimits:Loop:MaxRepeats"),
        web => web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
}
