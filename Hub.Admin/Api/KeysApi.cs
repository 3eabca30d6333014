using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Keys;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Api;

/// <summary>
/// Issuing and revoking gateway keys. A key is shown once, in the creation response; only its hash
/// is stored. A revoked key stops working at every gateway within a second (published on Redis, see
/// <see cref="KeyRevocations"/>), or at worst when the gateway's key cache expires (30 s by default).
/// </summary>
internal static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/projects/{id:guid}/keys", CreateProjectKeyAsync);
        admin.MapPost("/keys", CreateAccountKeyAsync);
        admin.MapDelete("/keys/{keyId:guid}", RevokeAsync);
        return admin;
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem, NotFound>> CreateProjectKeyAsync(
        Guid id, CreateKeyRequest? body, ClaimsPrincipal user, ProjectRepository projects, ApiKeyRepository keys,
        IOptions<KeyRotationOptions> rotation, CancellationToken cancellationToken)
    {
        body ??= new CreateKeyRequest(null, null);
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var organizationId = user.OrganizationId();
        if (await projects.GetAsync(organizationId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var issued = await keys.IssueAsync(organizationId, id, ApiKeyKind.Project, body.Label, Lifetime(body), cancellationToken);
        return TypedResults.Created($"/admin/v1/keys/{issued.Record.Id}", IssuedKeyResponse.From(issued, rotation.Value));
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem>> CreateAccountKeyAsync(
        CreateKeyRequest? body, ClaimsPrincipal user, ApiKeyRepository keys, IOptions<KeyRotationOptions> rotation, CancellationToken cancellationToken)
    {
        body ??= new CreateKeyRequest(null, null);
        if (Validate(body) is { } problem)
        {
            return problem;
        }

        var issued = await keys.IssueAsync(user.OrganizationId(), null, ApiKeyKind.Account, body.Label, Lifetime(body), cancellationToken);
        return TypedResults.Created($"/admin/v1/keys/{issued.Record.Id}", IssuedKeyResponse.From(issued, rotation.Value));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid keyId, ClaimsPrincipal user, ApiKeyRepository keys, CacheInvalidationPublisher caches, CancellationToken cancellationToken)
    {
        if (await keys.RevokeAsync(user.OrganizationId(), keyId, cancellationToken) is not { } keyHash)
        {
            return TypedResults.NotFound();
        }

        await caches.KeyRevokedAsync(keyHash);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Validate(CreateKeyRequest body)
    {
        if (body.Label is { Length: > 200 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["label"] = ["At most 200 characters."] });
        }

        if (body.ExpiresInDays is < 1 or > 3650)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expires_in_days"] = ["Between 1 and 3650 days."] });
        }

        return null;
    }

    private static TimeSpan? Lifetime(CreateKeyRequest body) => body.ExpiresInDays is { } days ? TimeSpan.FromDays(days) : null;
}

public sealed record CreateKeyRequest(string? Label, int? ExpiresInDays);

/// <param name="RotateBy">When the key is due for rotation (<see cref="KeyRotationOptions"/>); it keeps working after.</param>
public sealed record IssuedKeyResponse(
    Guid Id, string Key, string Prefix, Guid? ProjectId, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset RotateBy)
{
    public static IssuedKeyResponse From(IssuedApiKey issued, KeyRotationOptions rotation) => new(
        issued.Record.Id, issued.Key, issued.Record.DisplayPrefix, issued.Record.ProjectId, issued.Record.Label,
        issued.Record.CreatedAt, issued.Record.ExpiresAt, rotation.RotateBy(issued.Record.CreatedAt));
}
