using Hub.Core.Keys;
using Hub.Gateway.Errors;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Auth;

/// <summary>
/// Turns <c>Authorization: Bearer &lt;key&gt;</c> into a <see cref="GatewayCaller"/>. Keys are looked
/// up by SHA-256 in Postgres and the answer (found or not) is cached in memory, keyed by the hash,
/// so the hot path costs one hash and one dictionary lookup.
/// </summary>
internal sealed partial class ApiKeyAuthenticator : IDisposable
{
    private readonly ApiKeyRepository keys;
    private readonly TimeProvider time;
    private readonly ILogger<ApiKeyAuthenticator> logger;
    private readonly MemoryCache cache;
    private readonly SingleFlight<string, CachedKey> lookups = new();
    private readonly TimeSpan keyTtl;
    private readonly TimeSpan unknownTtl;
    private readonly KeyRotationOptions rotation;

    public ApiKeyAuthenticator(
        ApiKeyRepository keys, TimeProvider time, IOptions<AuthOptions> options, IOptions<KeyRotationOptions> rotation, ILogger<ApiKeyAuthenticator> logger)
    {
        this.rotation = rotation.Value;
        this.keys = keys;
        this.time = time;
        this.logger = logger;
        var settings = options.Value;
        keyTtl = TimeSpan.FromSeconds(settings.KeyCacheSeconds);
        unknownTtl = TimeSpan.FromSeconds(settings.UnknownKeyCacheSeconds);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MaxCachedKeys, Clock = null });
    }

    public async ValueTask<(GatewayCaller? Caller, HubError? Error)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!TryReadBearer(request, out var key))
        {
            return (null, HubError.InvalidApiKey(
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."));
        }

        if (!ApiKeyFormat.LooksLikeKey(key))
        {
            return (null, IncorrectKey(key));
        }

        var cacheKey = Convert.ToHexString(ApiKeyFormat.Hash(key));
        if (!cache.TryGetValue(cacheKey, out CachedKey? cached))
        {
            cached = await lookups.RunAsync(cacheKey, _ => LookUpAsync(key, cacheKey), cancellationToken);
        }

        var record = cached!.Record;
        if (record is null || record.Kind == ApiKeyKind.Admin)
        {
            // An admin token is a valid credential, but not for the gateway: say no more than for a wrong key.
            return (null, IncorrectKey(key));
        }

        if (!record.IsUsableAt(time.GetUtcNow()))
        {
            Log.KeyRejected(logger, record.Id, record.RevokedAt is null ? "expired" : "revoked");
            return (null, HubError.InvalidApiKey(record.RevokedAt is null
                ? "This API key has expired. Create a new key in the Hub admin console."
                : "This API key has been revoked. Create a new key in the Hub admin console."));
        }

        return (new GatewayCaller(record.Id, record.OrganizationId, record.ProjectId, record.Kind, rotation.RotateBy(record.CreatedAt))
        {
            Limits = record.Limits,
        }, null);
    }

    /// <summary>Drops a key from the cache (a revocation published by Hub.Admin); the next use looks it up again.</summary>
    public void Forget(string keyHashHex) => cache.Remove(keyHashHex);

    public void Dispose() => cache.Dispose();

    private async Task<CachedKey> LookUpAsync(string key, string cacheKey)
    {
        var record = await keys.FindAsync(key, CancellationToken.None);
        var entry = new CachedKey(record);
        cache.Set(cacheKey, entry, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = record is null ? unknownTtl : keyTtl,
        });
        return entry;
    }

    private static bool TryReadBearer(HttpRequest request, out string key)
    {
        key = "";
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            return false;
        }

        const string scheme = "Bearer ";
        if (value.Length <= scheme.Length || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        key = value[scheme.Length..].Trim();
        return key.Length > 0;
    }

    private static HubError IncorrectKey(string key) => HubError.InvalidApiKey(
        $"Incorrect API key provided: {Mask(key)}. You can find your API keys in the Hub admin console.");

    /// <summary>OpenAI shows the start and end of a wrong key; we show only our short prefix.</summary>
    private static string Mask(string key) =>
        key.Length <= ApiKeyFormat.DisplayPrefixLength ? "****" : ApiKeyFormat.DisplayPrefix(key) + "****";

    private sealed record CachedKey(ApiKeyRecord? Record);

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.KeyRejected, EventName = nameof(KeyRejected), Level = LogLevel.Debug,
            Message = "API key {KeyId} rejected: {Reason}")]
        public static partial void KeyRejected(ILogger logger, Guid keyId, string reason);
    }
}
