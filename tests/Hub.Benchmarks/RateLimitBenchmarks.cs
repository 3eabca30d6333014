using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hub.Core.Keys;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Hub.Gateway.Auth;
using Hub.Gateway.RateLimits;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hub.Benchmarks;

/// <summary>
/// One admission of the rate limit stage against a real Redis on loopback (issue #7): the Redis round
/// trip of one Lua script, one request at a time. <c>Admit_LoopProtectionOnly</c> is what every request
/// pays with the defaults; <c>Admit_KeyAndProjectRpmTpm</c> adds all four counters (requests and tokens
/// per minute of the key and of its project). Limits are high enough that every request is admitted,
/// the path that writes; prompts cycle through 4,096 hashes and the loop window is 1 s, so repeats
/// never trip loop protection and Redis holds a bounded set of keys. The baseline is a PING on the same
/// connection: the round trip itself, which the script adds to.
/// </summary>
[MemoryDiagnoser]
public class RateLimitBenchmarks
{
    private const int Prompts = 4096;

    private readonly LocalInfrastructure infrastructure = new();
    private readonly string[] prompts = new string[Prompts];
    private ConnectionMultiplexer redis = null!;
    private RateLimiter limiter = null!;
    private (GatewayCaller Caller, Project Project) unlimited;
    private (GatewayCaller Caller, Project Project) limited;
    private int next;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult(); // BenchmarkDotNet set-up is synchronous.

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>The floor: one PING on the same connection, what any Redis round trip costs here.</summary>
    [Benchmark(Baseline = true)]
    public Task<TimeSpan> RoundTrip_Ping() => redis.GetDatabase().PingAsync();

    [Benchmark]
    public Task<bool> Admit_LoopProtectionOnly() => AdmitAsync(unlimited);

    [Benchmark]
    public Task<bool> Admit_KeyAndProjectRpmTpm() => AdmitAsync(limited);

    /// <summary>True when admitted; a refusal throws, since it would measure the path that writes nothing.</summary>
    private async Task<bool> AdmitAsync((GatewayCaller Caller, Project Project) who)
    {
        var prompt = prompts[next++ & (Prompts - 1)];
        var decision = await limiter.AdmitAsync(who.Caller, who.Project, prompt, 1_000, CancellationToken.None);
        return decision.Error is null ? true : throw new InvalidOperationException(decision.Error.Message);
    }

    private async Task SetupAsync()
    {
        await infrastructure.StartAsync(CancellationToken.None);
        redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        limiter = new RateLimiter(
            new RateLimitStore(redis), Options.Create(new RateLimitOptions { Loop = { MaxRepeats = 20, WindowSeconds = 1 } }),
            TimeProvider.System, NullLogger<RateLimiter>.Instance);
        for (var i = 0; i < Prompts; i++)
        {
            prompts[i] = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));
        }

        unlimited = Tenant(RateLimitOverrides.None);
        limited = Tenant(new RateLimitOverrides(int.MaxValue, int.MaxValue));
    }

    private static (GatewayCaller, Project) Tenant(RateLimitOverrides limits)
    {
        var caller = new GatewayCaller(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ApiKeyKind.Project, DateTimeOffset.MaxValue) { Limits = limits };
        var project = new Project(caller.ProjectId!.Value, caller.OrganizationId, "bench", "internal", [], [], [], null, DateTimeOffset.UtcNow, [])
        {
            Limits = limits,
        };
        return (caller, project);
    }

    private async Task CleanupAsync()
    {
        await redis.DisposeAsync();
        await infrastructure.DisposeAsync();
    }
}
