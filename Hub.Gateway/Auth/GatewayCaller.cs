using Hub.Core.Keys;
using Hub.Core.RateLimits;

namespace Hub.Gateway.Auth;

/// <summary>Who is calling: set by <see cref="ApiKeyEndpointFilter"/> on every /v1 request, read by later stages.</summary>
/// <param name="RotateBy">When the key is due for rotation (<see cref="KeyRotationOptions"/>).</param>
internal sealed record GatewayCaller(Guid KeyId, Guid OrganizationId, Guid? ProjectId, ApiKeyKind Kind, DateTimeOffset RotateBy)
{
    /// <summary>The key's own rate limits (cached with the key, so a change reaches the gateway like a revocation).</summary>
    public RateLimitOverrides Limits { get; init; } = RateLimitOverrides.None;
}
