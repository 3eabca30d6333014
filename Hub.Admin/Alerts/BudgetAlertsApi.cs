using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Billing.Alerts;
using Hub.Core.Randomness;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Alerts;

/// <summary>
/// The caller's organization's budget-alert webhook (<c>/admin/v1/webhooks/budget-alerts</c>) and its
/// recorded alerts with their delivery (<c>/admin/v1/budgets/alerts</c>). The signing secret is shown
/// once, in the answer to the PUT that creates it; every PUT makes a new one.
/// </summary>
internal static class BudgetAlertsApi
{
    /// <summary>whsec_ and 40 Base62 characters: about 238 random bits.</summary>
    private const string SecretPrefix = "whsec_";
    private const int SecretLength = 40;

    public static RouteGroupBuilder MapBudgetAlertsApi(this RouteGroupBuilder admin)
    {
        admin.MapPut("/webhooks/budget-alerts", PutWebhookAsync);
        admin.MapGet("/webhooks/budget-alerts", GetWebhookAsync);
        admin.MapDelete("/webhooks/budget-alerts", DeleteWebhookAsync);
        admin.MapGet("/budgets/alerts", ListAlertsAsync);
        return admin;
    }

    /// <summary>Sets the URL and makes a new secret (the old one stops signing at once, pending retries included).</summary>
    public static async Task<Results<Ok<BudgetAlertWebhookCreatedResponse>, ValidationProblem, NotFound>> PutWebhookAsync(
        BudgetAlertWebhookRequest body, ClaimsPrincipal user, BudgetAlertWebhookRepository webhooks, IRandomSource random,
        TimeProvider time, IOptions<BudgetAlertOptions> options, CancellationToken cancellationToken)
    {
        var url = body.Url?.Trim();
        if (WebhookUrlRules.Check(url, options.Value.AllowLoopbackHttp).Problem is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [problem] });
        }

        var secret = Base62.Random(random, SecretPrefix, SecretLength);
        return await webhooks.SetAsync(user.OrganizationId(), url!, secret, time.GetUtcNow(), cancellationToken)
            ? TypedResults.Ok(new BudgetAlertWebhookCreatedResponse(url!, secret))
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<BudgetAlertWebhookResponse>, NotFound>> GetWebhookAsync(
        ClaimsPrincipal user, BudgetAlertWebhookRepository webhooks, CancellationToken cancellationToken) =>
        await webhooks.GetAsync(user.OrganizationId(), cancellationToken) is { } webhook
            ? TypedResults.Ok(new BudgetAlertWebhookResponse(webhook.Url, webhook.Secret[^4..], webhook.CreatedAt, webhook.UpdatedAt))
            : TypedResults.NotFound();

    /// <summary>Removes the webhook; deliveries still pending are cancelled.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteWebhookAsync(
        ClaimsPrincipal user, BudgetAlertWebhookRepository webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(user.OrganizationId(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<BudgetAlertPage>, ValidationProblem>> ListAlertsAsync(
        [AsParameters] BudgetAlertQueryString filters, ClaimsPrincipal user, BudgetAlertRepository alerts, CancellationToken cancellationToken)
    {
        var limit = filters.Limit ?? BudgetAlertQuery.DefaultLimit;
        if (limit is < 1 or > BudgetAlertQuery.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"Must be between 1 and {BudgetAlertQuery.MaxLimit}."],
            });
        }

        var records = await alerts.QueryAsync(
            user.OrganizationId(), new BudgetAlertQuery(filters.BudgetId, filters.From, filters.To, limit), cancellationToken);
        return TypedResults.Ok(new BudgetAlertPage(records.Select(BudgetAlertResponse.From).ToList()));
    }
}

public sealed record BudgetAlertWebhookRequest(string? Url);

/// <summary>The answer to PUT: the only time the secret is shown.</summary>
public sealed record BudgetAlertWebhookCreatedResponse(string Url, string Secret);

public sealed record BudgetAlertWebhookResponse(string Url, string SecretLast4, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The query string of <c>GET /admin/v1/budgets/alerts</c>: <c>from</c> inclusive, <c>to</c> exclusive, on <c>occurred_at</c>.</summary>
public sealed record BudgetAlertQueryString(
    [FromQuery(Name = "budget_id")] Guid? BudgetId,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "limit")] int? Limit);

public sealed record BudgetAlertPage(IReadOnlyList<BudgetAlertResponse> Data);

/// <summary>A recorded alert, newest first, with its webhook delivery (state <c>none</c> when no webhook was set when it was recorded).</summary>
public sealed record BudgetAlertResponse(
    Guid Id,
    string EventId,
    Guid BudgetId,
    string Scope,
    string ScopeId,
    string Subject,
    string Period,
    DateTimeOffset PeriodStart,
    int Threshold,
    long SpentCredits,
    long AmountCredits,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    BudgetAlertDelivery Delivery)
{
    public static BudgetAlertResponse From(BudgetAlertRecord record)
    {
        var a = record.Alert;
        return new BudgetAlertResponse(
            record.Id, record.EventId, a.BudgetId, a.Scope, a.ScopeId, a.Subject, a.Period, a.PeriodStart, a.Threshold, a.SpentCredits,
            a.AmountCredits, a.OccurredAt, record.RecordedAt, record.Delivery);
    }
}
