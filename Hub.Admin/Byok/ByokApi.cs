using System.Security.Claims;
using Hub.Admin.Api;
using Hub.Admin.Auth;
using Hub.Core.Byok;
using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Admin.Byok;

/// <summary>
/// Organizations' own provider keys (docs/byok.md): an organization's key per provider, and a
/// project's, which overrides it for that project. Write-only: answers give the provider, label, last
/// four characters and times, never the key. A save replaces the key the place had; every change is
/// announced on <see cref="ByokChanges.Channel"/> so gateways drop their cached copy. A save:
/// 1. the provider must be known or configured (<see cref="ByokProviderResolver"/>), the project the caller's;
/// 2. the credentials must fit the provider's shape (<see cref="ByokCredentialRules"/>);
/// 3. a master key must be configured, or nothing can be sealed;
/// 4. when asked, a live call must accept the key (<see cref="CredentialProbe"/>);
/// 5. seal and store (<see cref="ByokRepository.SaveAsync"/>), then announce.
/// </summary>
internal static partial class ByokApi
{
    public const int MaxLabelLength = 100;

    public static RouteGroupBuilder MapByokApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/byok", ListAsync);
        admin.MapGet("/byok/{provider}", GetAsync);
        admin.MapPut("/byok/{provider}", PutOrganizationKeyAsync);
        admin.MapDelete("/byok/{provider}", DeleteOrganizationKeyAsync);
        admin.MapGet("/projects/{id:guid}/byok", ListProjectKeysAsync);
        admin.MapPut("/projects/{id:guid}/byok/{provider}", PutProjectKeyAsync);
        admin.MapDelete("/projects/{id:guid}/byok/{provider}", DeleteProjectKeyAsync);
        return admin;
    }

    /// <summary>Every key of the organization: its own, then its projects'.</summary>
    public static async Task<Ok<IEnumerable<ByokKeyResponse>>> ListAsync(ClaimsPrincipal user, ByokRepository keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(user.OrganizationId(), cancellationToken)).Select(ByokKeyResponse.From));

    /// <summary>The organization's key for <paramref name="provider"/> (not a project's).</summary>
    public static async Task<Results<Ok<ByokKeyResponse>, ProblemHttpResult>> GetAsync(
        string provider, ClaimsPrincipal user, ByokRepository keys, CancellationToken cancellationToken)
    {
        var id = provider.ToLowerInvariant();
        var key = (await keys.ListAsync(user.OrganizationId(), cancellationToken)).FirstOrDefault(key => key.ProjectId is null && key.Provider == id);
        return key is null ? TypedResults.Problem(ByokProblems.NoKey(id)) : TypedResults.Ok(ByokKeyResponse.From(key));
    }

    public static async Task<Results<Ok<IEnumerable<ByokKeyResponse>>, ProblemHttpResult>> ListProjectKeysAsync(
        Guid id, ClaimsPrincipal user, ProjectRepository projects, ByokRepository keys, CancellationToken cancellationToken)
    {
        var organizationId = user.OrganizationId();
        if (await projects.GetAsync(organizationId, id, cancellationToken) is null)
        {
            return TypedResults.Problem(ByokProblems.NoProject(id));
        }

        var all = await keys.ListAsync(organizationId, cancellationToken);
        return TypedResults.Ok(all.Where(key => key.ProjectId == id).Select(ByokKeyResponse.From));
    }

    public static Task<Results<Ok<ByokKeyResponse>, ValidationProblem, ProblemHttpResult>> PutOrganizationKeyAsync(
        string provider, PutByokKeyRequest body, ClaimsPrincipal user, ByokProviderResolver providers, ProjectRepository projects,
        CredentialProbe probe, MasterKeys masterKeys, ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers,
        CancellationToken cancellationToken) =>
        SaveAsync(new SaveRequest(user.OrganizationId(), null, provider, body), providers, projects, probe, masterKeys, keys, caches, loggers, cancellationToken);

    public static Task<Results<Ok<ByokKeyResponse>, ValidationProblem, ProblemHttpResult>> PutProjectKeyAsync(
        Guid id, string provider, PutByokKeyRequest body, ClaimsPrincipal user, ByokProviderResolver providers, ProjectRepository projects,
        CredentialProbe probe, MasterKeys masterKeys, ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers,
        CancellationToken cancellationToken) =>
        SaveAsync(new SaveRequest(user.OrganizationId(), id, provider, body), providers, projects, probe, masterKeys, keys, caches, loggers, cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteOrganizationKeyAsync(
        string provider, ClaimsPrincipal user, ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        DeleteAsync(user.OrganizationId(), null, provider, keys, caches, loggers, cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteProjectKeyAsync(
        Guid id, string provider, ClaimsPrincipal user, ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers,
        CancellationToken cancellationToken) =>
        DeleteAsync(user.OrganizationId(), id, provider, keys, caches, loggers, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid organizationId, Guid? projectId, string provider, ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var id = provider.ToLowerInvariant();
        if (!await keys.DeleteAsync(organizationId, projectId, id, cancellationToken))
        {
            return TypedResults.Problem(ByokProblems.NoKey(id));
        }

        await caches.ByokChangedAsync(organizationId);
        var logger = loggers.CreateLogger(typeof(ByokApi));
        Log.KeyDeleted(logger, organizationId, projectId, id);
        return TypedResults.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ByokKeyDeleted, EventName = "ByokKeyDeleted", Level = LogLevel.Information,
            Message = "Provider key for {Provider} of organization {OrganizationId} (project {ProjectId}) deleted")]
        public static partial void KeyDeleted(ILogger logger, Guid organizationId, Guid? projectId, string provider);
    }
}

/// <param name="Credentials">The provider's credentials; which fields apply depends on its protocol (docs/byok.md).</param>
/// <param name="Label">Up to 100 characters, to tell keys apart; replaced on every save.</param>
/// <param name="Verify">Check the key with a live call before storing it.</param>
public sealed record PutByokKeyRequest(ByokCredentials? Credentials, string? Label, bool? Verify);

/// <summary>A stored key as the API shows it: never the key, only its last four characters.</summary>
/// <param name="ProjectId">Null for the organization's key.</param>
public sealed record ByokKeyResponse(
    string Provider, string? Label, string Last4, Guid? ProjectId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? LastUsedAt)
{
    /// <summary>Only in a save's answer: whether a live call accepted the key before it was stored. Not kept.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Verified { get; init; }

    public static ByokKeyResponse From(ByokKey key) =>
        new(key.Provider, key.Label, key.Last4, key.ProjectId, key.CreatedAt, key.UpdatedAt, key.LastUsedAt);
}
