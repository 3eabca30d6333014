using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Policies;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Admin.Api;

/// <summary>
/// A project's DLP policy and its versions, and the built-in templates. Saving or restoring adds an
/// immutable version and deactivates the previous one (<see cref="PolicyRepository"/>), then tells the
/// gateways to drop their cached policy (<see cref="PolicyChanges"/>). A project that never saved a
/// policy answers with the global default, so a client always sees what applies.
/// </summary>
internal static class PoliciesApi
{
    private const string DefaultVersionName = "Custom policy";

    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/projects/{id:guid}/policy", GetActiveAsync);
        admin.MapPut("/projects/{id:guid}/policy", SaveAsync);
        admin.MapGet("/projects/{id:guid}/policy/versions", ListVersionsAsync);
        admin.MapGet("/projects/{id:guid}/policy/versions/{version:int}", GetVersionAsync);
        admin.MapPost("/projects/{id:guid}/policy/versions/{version:int}/restore", RestoreAsync);
        admin.MapGet("/policy-templates", ListTemplates);
        return admin;
    }

    public static async Task<Results<Ok<PolicyVersionResponse>, NotFound>> GetActiveAsync(
        Guid id, ClaimsPrincipal user, ProjectRepository projects, PolicyRepository policies, CancellationToken cancellationToken)
    {
        if (await projects.GetAsync(user.OrganizationId(), id, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var active = await policies.FindActiveAsync(id, cancellationToken);
        return TypedResults.Ok(active is null ? PolicyVersionResponse.GlobalDefault(project) : PolicyVersionResponse.From(active));
    }

    public static async Task<Results<Created<PolicyVersionResponse>, ValidationProblem, NotFound>> SaveAsync(
        Guid id, SavePolicyRequest body, ClaimsPrincipal user, ProjectRepository projects, PolicyRepository policies,
        PolicyValidator validator, CacheInvalidationPublisher caches, CancellationToken cancellationToken)
    {
        var organizationId = user.OrganizationId();
        if (await projects.GetAsync(organizationId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(body, validator) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A save without a name keeps the current one: renaming is a choice, editing is not.
        var name = body.Name?.Trim() ?? (await policies.FindActiveAsync(id, cancellationToken))?.Name ?? DefaultVersionName;
        var saved = await policies.SaveAsync(organizationId, id, name, body.Policy!, user.AdminKeyId(), cancellationToken);
        if (saved is null)
        {
            return TypedResults.NotFound();
        }

        await caches.PolicyChangedAsync(id);
        return TypedResults.Created(VersionLocation(saved), PolicyVersionResponse.From(saved));
    }

    public static async Task<Results<Ok<IEnumerable<PolicyVersionResponse>>, NotFound>> ListVersionsAsync(
        Guid id, ClaimsPrincipal user, ProjectRepository projects, PolicyRepository policies, CancellationToken cancellationToken)
    {
        var organizationId = user.OrganizationId();
        if (await projects.GetAsync(organizationId, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var versions = await policies.ListVersionsAsync(organizationId, id, cancellationToken);
        return TypedResults.Ok(versions.Select(PolicyVersionResponse.From));
    }

    public static async Task<Results<Ok<PolicyVersionResponse>, NotFound>> GetVersionAsync(
        Guid id, int version, ClaimsPrincipal user, PolicyRepository policies, CancellationToken cancellationToken) =>
        await policies.FindVersionAsync(user.OrganizationId(), id, version, cancellationToken) is { } found
            ? TypedResults.Ok(PolicyVersionResponse.From(found))
            : TypedResults.NotFound();

    public static async Task<Results<Created<PolicyVersionResponse>, ProblemHttpResult, NotFound>> RestoreAsync(
        Guid id, int version, ClaimsPrincipal user, PolicyRepository policies, PolicyValidator validator, CacheInvalidationPublisher caches,
        CancellationToken cancellationToken)
    {
        var organizationId = user.OrganizationId();
        if (await policies.FindVersionAsync(organizationId, id, version, cancellationToken) is not { } old)
        {
            return TypedResults.NotFound();
        }

        // Versions never change, but the rules may tighten after one was saved; a stored policy must always pass them.
        if (validator.Validate(old.ReadDocument()) is { IsValid: false } validation)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(validation.Errors)
            {
                Title = $"Version {version} does not pass today's policy rules; save a corrected policy instead.",
                Status = StatusCodes.Status409Conflict,
            });
        }

        if (await policies.RestoreAsync(organizationId, id, version, user.AdminKeyId(), cancellationToken) is not { } restored)
        {
            return TypedResults.NotFound();
        }

        await caches.PolicyChangedAsync(id);
        return TypedResults.Created(VersionLocation(restored), PolicyVersionResponse.From(restored));
    }

    public static Ok<IEnumerable<PolicyTemplateResponse>> ListTemplates() =>
        TypedResults.Ok(PolicyTemplates.All.Select(template => new PolicyTemplateResponse(template.Id, template.Name, template.Description, template.Document)));

    private static Dictionary<string, string[]> Validate(SavePolicyRequest body, PolicyValidator validator)
    {
        var errors = body.Policy is null
            ? new Dictionary<string, string[]> { ["policy"] = ["A policy object is required."] }
            : validator.Validate(body.Policy).Errors;
        if (body.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200))
        {
            errors["name"] = ["A name of 1 to 200 characters, when given."];
        }

        return errors;
    }

    private static string VersionLocation(PolicyVersion version) =>
        $"/admin/v1/projects/{version.ProjectId}/policy/versions/{version.Version}";

    /// <summary>Who saved a version: the admin token's key id (its label and prefix are in <c>api_keys</c>).</summary>
    private static string AdminKeyId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}

public sealed record SavePolicyRequest(PolicyDocument? Policy, string? Name);

/// <param name="Version">1, 2, …; 0 for the global default of a project that never saved a policy.</param>
/// <param name="RestoredFrom">The version this one copies, when it was made by a restore.</param>
public sealed record PolicyVersionResponse(
    int Version, string Name, bool Active, PolicyDocument Policy, string CreatedBy, DateTimeOffset CreatedAt, int? RestoredFrom)
{
    public const string GlobalDefaultAuthor = "hub";

    public static PolicyVersionResponse From(PolicyVersion version) => new(
        version.Version, version.Name, version.IsActive, version.ReadDocument(), version.CreatedBy, version.CreatedAt, version.RestoredFrom);

    /// <summary>What applies before the first save: the global default, in force since the project was created.</summary>
    public static PolicyVersionResponse GlobalDefault(Project project) => new(
        0, PolicyTemplates.GlobalDefault.Name, true, PolicyTemplates.GlobalDefault.Document, GlobalDefaultAuthor, project.CreatedAt, null);
}

public sealed record PolicyTemplateResponse(string Id, string Name, string Description, PolicyDocument Policy);
