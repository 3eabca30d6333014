using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hub.Core.Byok;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Gateway.Byok;

namespace Hub.Benchmarks;

/// <summary>
/// What an organization's own key adds to a request on the gateway (issue #8): finding the caller's key
/// for the chosen provider, and opening it (AES-256-GCM decryption of the sealed credentials and their
/// JSON) just before the upstream call. The keys are cached sealed, so this runs on every BYOK request.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ByokBenchmarks
{
    private CallerKeys keys;
    private SealedByokKey sealedKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var organizationId = Guid.NewGuid();
        keys = CallerWithKeys(organizationId, "openai", "anthropic");
        sealedKey = keys.For("anthropic")!;
    }

    [Benchmark(Baseline = true)]
    public SealedByokKey? FindCallerKey() => keys.For("anthropic");

    [Benchmark]
    public string? OpenOwnKey() => keys.Organization.Open(sealedKey).ApiKey;

    /// <summary>A caller whose organization stored a key for each of <paramref name="providers"/>, sealed as Hub.Admin seals them.</summary>
    internal static CallerKeys CallerWithKeys(Guid organizationId, params string[] providers)
    {
        var dataKey = new DataKey(Guid.NewGuid(), organizationId, RandomNumberGenerator.GetBytes(SecretBox.KeyLength));
        var now = DateTimeOffset.UtcNow;
        var stored = providers.Select(provider => new SealedByokKey(
            new ByokKey(Guid.NewGuid(), organizationId, null, provider, "bench", "abcd", now, now, null),
            dataKey.Id,
            ByokSeal.Seal(dataKey, null, provider, new ByokCredentials(ApiKey: $"sk-bench-{Guid.NewGuid():N}abcd"), CryptoRandomSource.Instance))).ToList();
        return new CallerKeys(OrganizationKeys.From(stored, dataKey, null), null);
    }
}
