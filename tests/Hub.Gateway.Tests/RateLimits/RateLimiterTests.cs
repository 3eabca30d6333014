using Hub.Core.Keys;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Hub.Gateway.Auth;
using Hub.Gateway.RateLimits;
using Hub.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.RateLimits;

/// <summary>The limiter on its own against the shared Redis, with its own clock: the arithmetic, exactly.</summary>
public sealed class RateLimiterTests(GatewayFixture fixture) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly GatewayCaller caller = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ApiKeyKind.Project, DateTimeOffset.MaxValue);
    private ConnectionMultiplexer redis = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);

    public ValueTask DisposeAsync() => redis.DisposeAsync();

    [Fact]
    public async Task AdmitAsync_ProjectTighterThanKey_RefusesOnTheProjectAndChargesNothing()
    {
        var limiter = Limiter(new RateLimitOptions());
        var key = caller with { Limits = new RateLimitOverrides(null, 1000) };
        var project = Project(new RateLimitOverrides(null, 500));

        var first = await limiter.AdmitAsync(key, project, "a", 300, Cancel);
        var refused = await limiter.AdmitAsync(key, project, "b", 300, Cancel);
        var afterRaise = await limiter.AdmitAsync(key, Project(new RateLimitOverrides(null, 5000)), "c", 300, Cancel);

        Assert.Equal("500 200 36s", Headers(first, "tokens"));
        Assert.Equal($"Rate limit reached for tokens per min (TPM) on project {caller.ProjectId}: Limit 500, Used 300, Requested 300. Please try again in 12s.", refused.Error!.Message);
        Assert.Equal("500 200 36s", Headers(refused, "tokens"));
        Assert.Null(afterRaise.Error);
        Assert.Equal("1000 400 36s", Headers(afterRaise, "tokens")); // the refused request charged the key nothing
    }

    [Fact]
    public async Task AdmitAsync_LimitLowered_AppliesToWhatIsAlreadyCounted()
    {
        var limiter = Limiter(new RateLimitOptions { Key = { RequestsPerMinute = 10 } });
        for (var i = 0; i < 5; i++)
        {
            Assert.Null((await limiter.AdmitAsync(caller, null, $"p{i}", 0, Cancel)).Error);
        }

        var lowered = await limiter.AdmitAsync(caller with { Limits = new RateLimitOverrides(3, null) }, null, "x", 0, Cancel);

        Assert.Equal($"Rate limit reached for requests per min (RPM) on key {caller.KeyId}: Limit 3, Used 5, Requested 1. Please try again in 1m0s.", lowered.Error!.Message);
        Assert.Equal("3 0 1m40s", Headers(lowered, "requests"));
    }

    [Fact]
    public async Task AdmitAsync_RefusedByARateLimit_IsNotCountedAsARepeat()
    {
        var limiter = Limiter(new RateLimitOptions { Key = { RequestsPerMinute = 2 }, Loop = { MaxRepeats = 3 } });
        Assert.Null((await limiter.AdmitAsync(caller, null, "same", 0, Cancel)).Error);
        Assert.Null((await limiter.AdmitAsync(caller, null, "same", 0, Cancel)).Error);
        var rateLimited = await limiter.AdmitAsync(caller, null, "same", 0, Cancel);
        time.Advance(TimeSpan.FromSeconds(30));

        var third = await limiter.AdmitAsync(caller, null, "same", 0, Cancel);
        var fourth = await limiter.AdmitAsync(caller, null, "same", 0, Cancel);

        Assert.Equal(RateLimitRefusals.RateLimitExceeded, rateLimited.Error!.Code);
        Assert.Null(third.Error);
        Assert.Equal(RateLimitRefusals.LoopDetectedCode, fourth.Error!.Code);
    }

    [Fact]
    public async Task AdmitAsync_OnlyLoopProtectionApplies_AdmitsWithoutRateLimitHeaders()
    {
        var decision = await Limiter(new RateLimitOptions()).AdmitAsync(caller, null, "p", 10, Cancel);

        Assert.Null(decision.Error);
        Assert.Null(Headers(decision, "requests"));
        Assert.Null(Headers(decision, "tokens"));
    }

    [Fact]
    public async Task AdmitAsync_RedisUnreachable_Refuses503NeverUnlimited()
    {
        await using var closed = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{Hub.AppHost.LocalServers.FreePort.Next()},abortConnect=false,connectTimeout=200,asyncTimeout=300,syncTimeout=300");
        var limiter = new RateLimiter(
            new RateLimitStore(closed), Options.Create(new RateLimitOptions { Loop = { MaxRepeats = 0 }, Key = { RequestsPerMinute = 1_000_000 } }),
            time, NullLogger<RateLimiter>.Instance);

        var decision = await limiter.AdmitAsync(caller, null, "p", 1, Cancel);

        Assert.Equal(503, decision.Error!.Status);
        Assert.Equal("rate_limits_unavailable", decision.Error.Code);
    }

    private RateLimiter Limiter(RateLimitOptions options) =>
        new(new RateLimitStore(redis), Options.Create(options), time, NullLogger<RateLimiter>.Instance);

    private Project Project(RateLimitOverrides limits) =>
        new(caller.ProjectId!.Value, caller.OrganizationId, "p", "internal", [], [], [], null, DateTimeOffset.UnixEpoch, []) { Limits = limits };

    /// <summary>"limit remaining reset" as the headers say, or null when the decision sets none of that kind.</summary>
    private static string? Headers(RateLimitDecision decision, string kind)
    {
        var context = new DefaultHttpContext();
        decision.WriteHeaders(context.Response);
        var headers = context.Response.Headers;
        return headers.ContainsKey($"x-ratelimit-limit-{kind}")
            ? $"{headers[$"x-ratelimit-limit-{kind}"]} {headers[$"x-ratelimit-remaining-{kind}"]} {headers[$"x-ratelimit-reset-{kind}"]}"
            : null;
    }
}
