using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Billing;
using Hub.Core.Keys;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Admin.Api;

/// <summary>
/// Spending caps per organization, project, key and end user, each per calendar period. One budget per
/// scope and period: PUT creates or replaces it. Every gateway drops its cached budgets at once
/// (<see cref="BudgetChanges"/>); a budget applies from the next request.
/// </summary>
internal static class BudgetsApi
{
    private static readonly int[] DefaultThresholds = [50, 80, 100];

    public static RouteGroupBuilder MapBudgetsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/budgets", ListAsync);
        admin.MapDelete("/budgets/{id:guid}", DeleteAsync);
        admin.MapPut("/budgets/organization/{period}", (string period, BudgetRequest body, ClaimsPrincipal user, BudgetRepository budgets,
            CacheInvalidationPublisher caches, CancellationToken cancellationToken) =>
            PutAsync(BudgetScopes.Organization, user.OrganizationId().ToString("D"), period, body, user, budgets, caches, cancellationToken));
        admin.MapPut("/projects/{id:guid}/budgets/{period}", PutProjectAsync);
        admin.MapPut("/keys/{keyId:guid}/budgets/{period}", PutKeyAsync);
        admin.MapPut("/users/{endUser}/budgets/{period}", (string endUser, string period, BudgetRequest body, ClaimsPrincipal user, BudgetRepository budgets,
            CacheInvalidationPublisher caches, CancellationToken cancellationToken) =>
            PutAsync(BudgetScopes.User, endUser, period, body, user, budgets, caches, cancellationToken));
        return admin;
    }

    public static async Task<Results<Ok<BudgetResponse>, ValidationProblem, NotFound>> PutProjectAsync(
        Guid id, string period, BudgetRequest body, ClaimsPrincipal user, ProjectRepository projects, BudgetRepository budgets,
        CacheInvalidationPublisher caches, CancellationToken cancellationToken) =>
        await projects.GetAsync(user.OrganizationId(), id, cancellationToken) is null
            ? TypedResults.NotFound()
            : await PutAsync(BudgetScopes.Project, id.ToString("D"), period, body, user, budgets, caches, cancellationToken);

    public static async Task<Results<Ok<BudgetResponse>, ValidationProblem, NotFound>> PutKeyAsync(
        Guid keyId, string period, BudgetRequest body, ClaimsPrincipal user, ApiKeyRepository keys, BudgetRepository budgets,
        CacheInvalidationPublisher caches, CancellationToken cancellationToken) =>
        !await keys.HasGatewayKeyAsync(user.OrganizationId(), keyId, cancellationToken)
            ? TypedResults.NotFound()
            : await PutAsync(BudgetScopes.Key, keyId.ToString("D"), period, body, user, budgets, caches, cancellationToken);

    public static async Task<Ok<IEnumerable<BudgetResponse>>> ListAsync(
        ClaimsPrincipal user, BudgetRepository budgets, TimeProvider time, Microsoft.Extensions.Options.IOptions<AdminBillingOptions> options,
        CancellationToken cancellationToken)
    {
        var list = await budgets.ListAsync(user.OrganizationId(), cancellationToken);
        var now = time.GetUtcNow();
        var zone = options.Value.Zone();
        var responses = new List<BudgetResponse>(list.Count);
        foreach (var budget in list)
        {
            var (start, end) = BudgetPeriods.Window(budget.Period, now, zone);

            // A per-user budget caps each user separately: there is no single figure to show.
            long? spent = budget.ScopeId == Budget.EveryUser ? null : await budgets.SpentAsync(budget, budget.ScopeId, start, end, cancellationToken);
            responses.Add(BudgetResponse.From(budget) with { PeriodStart = start, SpentCredits = spent });
        }

        return TypedResults.Ok<IEnumerable<BudgetResponse>>(responses);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        Guid id, ClaimsPrincipal user, BudgetRepository budgets, CacheInvalidationPublisher caches, CancellationToken cancellationToken)
    {
        if (!await budgets.DeleteAsync(user.OrganizationId(), id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        await caches.BudgetsChangedAsync(user.OrganizationId());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BudgetResponse>, ValidationProblem, NotFound>> PutAsync(
        string scope, string scopeId, string period, BudgetRequest body, ClaimsPrincipal user, BudgetRepository budgets,
        CacheInvalidationPublisher caches, CancellationToken cancellationToken)
    {
        var errors = Validate(scopeId, period, body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var organizationId = user.OrganizationId();
        var budget = await budgets.UpsertAsync(organizationId, scope, scopeId, period, Credits.FromUsd(body.AmountUsd!.Value),
            body.AlertThresholds?.Distinct().Order().ToArray() ?? DefaultThresholds, cancellationToken);
        await caches.BudgetsChangedAsync(organizationId);
        return TypedResults.Ok(BudgetResponse.From(budget));
    }

    private static Dictionary<string, string[]> Validate(string scopeId, string period, BudgetRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!BudgetPeriods.All.Contains(period))
        {
            errors["period"] = [$"Must be one of: {string.Join(", ", BudgetPeriods.All)}."];
        }

        if (body.AmountUsd is not (> 0 and <= 1_000_000_000))
        {
            errors["amount_usd"] = ["An amount in USD greater than 0 and at most 1,000,000,000."];
        }

        if (body.AlertThresholds is { } thresholds && (thresholds.Count > 10 || thresholds.Any(t => t is < 1 or > 100)))
        {
            errors["alert_thresholds"] = ["At most 10 percentages, each from 1 to 100."];
        }

        if (scopeId.Length is 0 or > 256)
        {
            errors["user"] = ["An end-user id of 1 to 256 characters, or * for every end user."];
        }

        return errors;
    }
}

/// <param name="AmountUsd">The cap per period, in USD.</param>
/// <param name="AlertThresholds">Percentages of the amount at which to alert, once per period each (default 50, 80, 100).</param>
public sealed record BudgetRequest(decimal? AmountUsd, IReadOnlyList<int>? AlertThresholds);

/// <param name="SpentCredits">Counted in the current period (listing only; null for a per-user budget).</param>
public sealed record BudgetResponse(
    Guid Id, string Scope, string ScopeId, string Period, decimal AmountUsd, long AmountCredits, IReadOnlyList<int> AlertThresholds)
{
    public DateTimeOffset? PeriodStart { get; init; }

    public long? SpentCredits { get; init; }

    public static BudgetResponse From(Budget budget) => new(
        budget.Id, budget.Scope, budget.ScopeId, budget.Period, Credits.ToUsd(budget.AmountCredits), budget.AmountCredits, budget.AlertThresholds);
}
