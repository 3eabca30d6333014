using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Hub.Admin.Auth;
using Hub.Core.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Admin.Audit;

/// <summary>
/// <c>/admin/v1/audit</c>: the caller's organization's audit events, the verification of its hash
/// chain, and its retention. No route reaches another organization's rows.
/// </summary>
internal static class AuditApi
{
    private static readonly string[] Outcomes = [AuditOutcomes.Completed, AuditOutcomes.Blocked, AuditOutcomes.Failed, AuditOutcomes.BudgetAlert];

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", QueryAsync);
        admin.MapGet("/audit/verify", VerifyAsync);
        admin.MapGet("/audit/retention", GetRetentionAsync);
        admin.MapPut("/audit/retention", PutRetentionAsync);
        return admin;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> QueryAsync(
        [AsParameters] AuditQueryString filters, ClaimsPrincipal user, AuditRepository audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = filters.Limit ?? AuditQuery.DefaultLimit;
        if (limit is < 1 or > AuditQuery.MaxLimit)
        {
            errors["limit"] = [$"Must be between 1 and {AuditQuery.MaxLimit}."];
        }

        // status is either the HTTP status the client got or the outcome (AuditOutcomes).
        int? status = null;
        string? outcome = null;
        if (int.TryParse(filters.Status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            status = code;
        }
        else if (filters.Status is not null && !Outcomes.Contains(outcome = filters.Status))
        {
            errors["status"] = [$"Must be an HTTP status code or one of: {string.Join(", ", Outcomes)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new AuditQuery(
            filters.CorrelationId, filters.ProjectId, filters.From, filters.To, filters.Entity, status, outcome, filters.BeforeSeq, limit);
        var records = await audit.QueryAsync(user.OrganizationId(), query, cancellationToken);
        return TypedResults.Ok(new AuditPage(records.Select(AuditEventResponse.From).ToList()));
    }

    public static async Task<Ok<AuditVerifyResponse>> VerifyAsync(ClaimsPrincipal user, AuditRepository audit, CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(user.OrganizationId(), cancellationToken);
        return TypedResults.Ok(new AuditVerifyResponse(result.Ok, result.Checked, result.FirstBroken));
    }

    public static async Task<Ok<AuditRetentionResponse>> GetRetentionAsync(
        ClaimsPrincipal user, AuditRetentionRepository retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(AuditRetentionResponse.From(await retention.GetDaysAsync(user.OrganizationId(), cancellationToken), retention.DefaultDays));

    /// <summary>Sets the organization's retention for rows written from now on; <c>{"days": null}</c> returns to the default.</summary>
    public static async Task<Results<Ok<AuditRetentionResponse>, ValidationProblem, NotFound>> PutRetentionAsync(
        AuditRetentionRequest body, ClaimsPrincipal user, AuditRetentionRepository retention, CancellationToken cancellationToken)
    {
        if (body.Days is < AuditOptions.MinRetentionDays or > AuditOptions.MaxRetentionDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["days"] = [$"Must be between {AuditOptions.MinRetentionDays} and {AuditOptions.MaxRetentionDays}, or null for the default."],
            });
        }

        return await retention.SetDaysAsync(user.OrganizationId(), body.Days, cancellationToken)
            ? TypedResults.Ok(AuditRetentionResponse.From(body.Days, retention.DefaultDays))
            : TypedResults.NotFound();
    }
}

/// <summary>The query string of <c>GET /admin/v1/audit</c>.</summary>
public sealed record AuditQueryString(
    [FromQuery(Name = "correlation_id")] string? CorrelationId,
    [FromQuery(Name = "project_id")] Guid? ProjectId,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "entity")] string? Entity,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "before_seq")] long? BeforeSeq);

public sealed record AuditPage(IReadOnlyList<AuditEventResponse> Data);

/// <summary>An audit row: the event's fields as the gateway sent them, plus its place in the chain (hashes in lower-case hex).</summary>
public sealed record AuditEventResponse(
    long Seq,
    string CorrelationId,
    DateTimeOffset OccurredAt,
    Guid OrganizationId,
    Guid? ProjectId,
    Guid KeyId,
    string? EndUser,
    string? ModelRequested,
    string? ModelServed,
    string? Provider,
    IReadOnlyList<AuditEntityCount> Entities,
    Guid? PolicyId,
    int PolicyVersion,
    double ScanMs,
    double? UpstreamMs,
    int Status,
    string Outcome,
    string? ErrorType,
    int? PromptTokens,
    int? CompletionTokens,
    long? CostMicros,
    IReadOnlyList<string> Fallbacks,
    string? PromptSha256,
    DateTimeOffset RecordedAt,
    DateTimeOffset RetainUntil,
    string PrevHash,
    string RowHash,
    string? Billing)
{
    public static AuditEventResponse From(AuditRecord record)
    {
        var e = record.Event;
        return new AuditEventResponse(
            record.Seq, e.CorrelationId, e.OccurredAt, e.OrganizationId, e.ProjectId, e.KeyId, e.EndUser, e.ModelRequested, e.ModelServed,
            e.Provider, e.Entities, e.PolicyId, e.PolicyVersion, e.ScanMs, e.UpstreamMs, e.Status, e.Outcome, e.ErrorType, e.PromptTokens,
            e.CompletionTokens, e.CostMicros, e.Fallbacks, e.PromptSha256, record.RecordedAt, record.RetainUntil,
            Convert.ToHexStringLower(record.PrevHash), Convert.ToHexStringLower(record.RowHash), e.Billing);
    }
}

/// <summary><c>first_broken</c> is present only when <c>ok</c> is false.</summary>
public sealed record AuditVerifyResponse(
    bool Ok,
    long Checked,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuditChainBreak? FirstBroken);

public sealed record AuditRetentionRequest(int? Days);

/// <summary>The retention that applies to new rows, and whether it is the configured default.</summary>
public sealed record AuditRetentionResponse(int Days, bool IsDefault)
{
    public static AuditRetentionResponse From(int? own, int defaultDays) => new(own ?? defaultDays, own is null);
}
