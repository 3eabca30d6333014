using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Admin.Api;

/// <summary>
/// A project's and a key's own rate limits (docs/rate-limits.md). A PUT replaces both values; null
/// removes the override, so the gateway's configured default applies again. Gateways cache projects
/// and keys, so each change is announced on the channel that already drops them
/// (<see cref="PolicyChanges"/>, <see cref="KeyRevocations"/>) and applies from the next request.
/// </summary>
internal static partial class RateLimitsApi
{
    public static RouteGroupBuilder MapRateLimitsApi(this RouteGroupBuilder admin)
    {
        admin.MapPut("/projects/{id:guid}/limits", SetProjectLimitsAsync);
        admin.MapPut("/keys/{keyId:guid}/limits", SetKeyLimitsAsync);
        return admin;
    }

    public static async Task<Results<Ok<RateLimitsResponse>, ValidationProblem, NotFound>> SetProjectLimitsAsync(
        Guid id, RateLimitsRequest body, ClaimsPrincipal user, ProjectRepository projects, CacheInvalidationPublisher caches,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var limits = body.ToOverrides();
        if (await projects.SetRateLimitsAsync(user.OrganizationId(), id, limits, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        await caches.PolicyChangedAsync(id);
        var logger = loggers.CreateLogger(typeof(RateLimitsApi));
        Log.ProjectLimitsSet(logger, id, limits.RequestsPerMinute, limits.TokensPerMinute);
        return TypedResults.Ok(RateLimitsResponse.From(limits));
    }

    public static async Task<Results<Ok<RateLimitsResponse>, ValidationProblem, NotFound>> SetKeyLimitsAsync(
        Guid keyId, RateLimitsRequest body, ClaimsPrincipal user, ApiKeyRepository keys, CacheInvalidationPublisher caches,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var limits = body.ToOverrides();
        if (await keys.SetRateLimitsAsync(user.OrganizationId(), keyId, limits, cancellationToken) is not { } keyHash)
        {
            return TypedResults.NotFound();
        }

        await caches.KeyChangedAsync(keyHash);
        var logger = loggers.CreateLogger(typeof(RateLimitsApi));
        Log.KeyLimitsSet(logger, keyId, limits.RequestsPerMinute, limits.TokensPerMinute);
        return TypedResults.Ok(RateLimitsResponse.From(limits));
    }

    private static ValidationProblem? Validate(RateLimitsRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.RequestsPerMinute is < 1)
        {
            errors["requests_per_minute"] = ["At least 1, or null for the gateway's default."];
        }

        if (body.TokensPerMinute is < 1)
        {
            errors["tokens_per_minute"] = ["At least 1, or null for the gateway's default."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ProjectRateLimitsSet, EventName = "ProjectRateLimitsSet", Level = LogLevel.Information,
            Message = "Rate limits of project {ProjectId} set: {RequestsPerMinute} RPM, {TokensPerMinute} TPM (empty: the gateway's default)")]
        public static partial void ProjectLimitsSet(ILogger logger, Guid projectId, int? requestsPerMinute, int? tokensPerMinute);

        [LoggerMessage(EventId = Diagnostics.EventIds.KeyRateLimitsSet, EventName = "KeyRateLimitsSet", Level = LogLevel.Information,
            Message = "Rate limits of key {KeyId} set: {RequestsPerMinute} RPM, {TokensPerMinute} TPM (empty: the gateway's default)")]
        public static partial void KeyLimitsSet(ILogger logger, Guid keyId, int? requestsPerMinute, int? tokensPerMinute);
    }
}

/// <summary>Both limits, per minute; null (or absent) for the gateway's configured default.</summary>
public sealed record RateLimitsRequest(int? RequestsPerMinute, int? TokensPerMinute)
{
    public RateLimitOverrides ToOverrides() => new(RequestsPerMinute, TokensPerMinute);
}

/// <summary>A project's or key's own limits; null where the gateway's configured default applies.</summary>
public sealed record RateLimitsResponse(int? RequestsPerMinute, int? TokensPerMinute)
{
    public static RateLimitsResponse From(RateLimitOverrides limits) => new(limits.RequestsPerMinute, limits.TokensPerMinute);
}
