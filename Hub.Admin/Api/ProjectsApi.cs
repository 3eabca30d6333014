using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Policies;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Admin.Api;

/// <summary>
/// <c>/admin/v1/projects</c>: create, list and read the caller's organization's projects, and set how the
/// router treats them (<c>prefer_byok</c>). Gateways cache a project with its rules, so a routing change
/// is announced on <see cref="PolicyChanges"/> and applies from the next request.
/// </summary>
internal static partial class ProjectsApi
{
    private static readonly string[] Classifications = ["public", "internal", "confidential", "restricted"];

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/projects", CreateAsync);
        admin.MapGet("/projects", ListAsync);
        admin.MapGet("/projects/{id:guid}", GetAsync);
        admin.MapPut("/projects/{id:guid}/routing", SetRoutingAsync);
        return admin;
    }

    public static async Task<Results<Created<ProjectResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        CreateProjectRequest body, ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken)
    {
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var project = await projects.CreateAsync(
            user.OrganizationId(),
            new NewProject(
                body.Name!.Trim(), body.Classification, body.AllowedProviders, body.DeniedProviders, body.AllowedModels, body.Region, body.DeniedModels,
                body.PreferByok ?? false),
            cancellationToken);
        if (project is null)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "A project with this name already exists.",
                Status = StatusCodes.Status409Conflict,
            });
        }

        return TypedResults.Created($"/admin/v1/projects/{project.Id}", ProjectResponse.From(project));
    }

    public static async Task<Ok<IEnumerable<ProjectResponse>>> ListAsync(
        ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.ListAsync(user.OrganizationId(), cancellationToken)).Select(ProjectResponse.From));

    public static async Task<Results<Ok<ProjectResponse>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, ProjectRepository projects, CancellationToken cancellationToken) =>
        await projects.GetAsync(user.OrganizationId(), id, cancellationToken) is { } project
            ? TypedResults.Ok(ProjectResponse.From(project))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ProjectResponse>, ValidationProblem, NotFound>> SetRoutingAsync(
        Guid id, RoutingRequest body, ClaimsPrincipal user, ProjectRepository projects, CacheInvalidationPublisher caches, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (body.PreferByok is not { } preferByok)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["prefer_byok"] = ["true or false is required."] });
        }

        if (await projects.SetPreferByokAsync(user.OrganizationId(), id, preferByok, cancellationToken) is not { } project)
        {
            return TypedResults.NotFound();
        }

        await caches.PolicyChangedAsync(id);
        var logger = loggers.CreateLogger(typeof(ProjectsApi));
        Log.RoutingSet(logger, id, preferByok);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static Dictionary<string, string[]> Validate(CreateProjectRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (body.Classification is not null && !Classifications.Contains(body.Classification))
        {
            errors["classification"] = [$"Must be one of: {string.Join(", ", Classifications)}."];
        }

        return errors;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ProjectRoutingSet, EventName = "ProjectRoutingSet", Level = LogLevel.Information,
            Message = "Routing of project {ProjectId} set: prefer_byok {PreferByok}")]
        public static partial void RoutingSet(ILogger logger, Guid projectId, bool preferByok);
    }
}

public sealed record CreateProjectRequest(
    string? Name,
    string? Classification,
    IReadOnlyList<string>? AllowedProviders,
    IReadOnlyList<string>? DeniedProviders,
    IReadOnlyList<string>? AllowedModels,
    string? Region,
    IReadOnlyList<string>? DeniedModels = null,
    bool? PreferByok = null);

/// <param name="PreferByok">Whether the router tries the organization's own provider keys before Hub's, whatever they cost.</param>
public sealed record RoutingRequest(bool? PreferByok);

public sealed record ProjectResponse(
    Guid Id,
    string Name,
    string Classification,
    IReadOnlyList<string> AllowedProviders,
    IReadOnlyList<string> DeniedProviders,
    IReadOnlyList<string> AllowedModels,
    string? Region,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> DeniedModels)
{
    /// <summary>The project's own rate limits (<see cref="RateLimitsApi"/>); null values mean the gateway's default.</summary>
    public RateLimitsResponse Limits { get; init; } = new(null, null);

    /// <summary>Whether the router tries the organization's own provider keys first (docs/byok.md).</summary>
    public bool PreferByok { get; init; }

    public static ProjectResponse From(Project project) => new(
        project.Id, project.Name, project.Classification, project.AllowedProviders, project.DeniedProviders,
        project.AllowedModels, project.Region, project.CreatedAt, project.DeniedModels)
    {
        Limits = RateLimitsResponse.From(project.Limits),
        PreferByok = project.PreferByok,
    };
}
