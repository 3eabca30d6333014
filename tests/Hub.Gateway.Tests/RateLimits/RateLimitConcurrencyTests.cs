using Hub.Core.Keys;
using Hub.Gateway.Auth;
using Hub.Gateway.RateLimits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using static Hub.Gateway.Tests.RateLimits.RateLimitRequests;

namespace Hub.Gateway.Tests.RateLimits;

/// <summary>Limits hold under concurrency across instances: the count lives in Redis, checked and charged atomically.</summary>
[Collection(RateLimitedGatewaysDefinition.Name)]
public sealed class RateLimitConcurrencyTests(RateLimitedGateways gateways)
{
    [Fact]
    public async Task Post_ConcurrentRequestsThroughTwoGateways_ExactlyTheLimitSucceed()
    {
        const int limit = 10;
        var (tenant, _) = await gateways.TenantAsync(keyRequests: limit);
        using var first = gateways.CreateClient(tenant.ProjectKey);
        using var second = gateways.CreateClient(tenant.ProjectKey, second: true);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4 * limit).Select(i => PostAsync(i % 2 == 0 ? first : second)));

        var statuses = responses.Select(response => (int)response.StatusCode).ToList();
        Assert.Equal(limit, statuses.Count(status => status == 200));
        Assert.Equal(3 * limit, statuses.Count(status => status == 429));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AdmitAsync_ConcurrentAdmissionsOnTwoLimiters_ExactlyTheLimitAdmitted()
    {
        const int limit = 100;
        var options = Options.Create(new RateLimitOptions { Project = { TokensPerMinute = limit * 50 } });
        var caller = new GatewayCaller(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ApiKeyKind.Project, DateTimeOffset.MaxValue);
        await using var firstConnection = await ConnectionMultiplexer.ConnectAsync(gateways.Shared.Infrastructure.RedisConnectionString);
        await using var secondConnection = await ConnectionMultiplexer.ConnectAsync(gateways.Shared.Infrastructure.RedisConnectionString);
        var limiters = new[] { firstConnection, secondConnection }
            .Select(redis => new RateLimiter(new RateLimitStore(redis), options, gateways.Time, NullLogger<RateLimiter>.Instance))
            .ToArray();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 5 * limit).Select(i =>
            limiters[i % 2].AdmitAsync(caller, project: null, $"prompt-{i}", estimatedTokens: 50, TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(limit, decisions.Count(decision => decision.Error is null));
        Assert.All(decisions.Where(decision => decision.Error is not null), decision => Assert.Equal("tokens", decision.Error!.Type));
    }
}
