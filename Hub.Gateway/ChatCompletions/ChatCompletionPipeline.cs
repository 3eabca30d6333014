using System.Diagnostics;
using Hub.Core.Billing;
using Hub.Gateway.Audit;
using Hub.Gateway.Auth;
using Hub.Gateway.Billing;
using Hub.Gateway.Billing.Estimation;
using Hub.Gateway.Byok;
using Hub.Gateway.Correlation;
using Hub.Gateway.Errors;
using Hub.Gateway.Policies;
using Hub.Gateway.Providers;
using Hub.Gateway.RateLimits;
using Hub.Gateway.Routing;
using Hub.Gateway.Scanning;
using Hub.Gateway.Streaming;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// The governed path of a chat completion, in order:
/// 1. read and validate the body, collecting every text the model would read;
/// 2. load the caller's project rules and policy, and its organization's own provider keys (cached);
/// 3. route: the candidates the project and the request allow and the caller can pay for, in order
///    (<see cref="ModelRouter"/>); each is paid by Hub (managed) or by the caller's own key (BYOK);
/// 4. count the prompt's tokens; in one Redis round trip, admit the request under the key's and project's
///    requests and tokens per minute and loop protection (else 429, <see cref="RateLimiter"/>) and hold
///    what it can cost in the wallet and every budget covering it, capping its output to what they can
///    pay (else 402, <see cref="CreditReservation"/>);
/// 5. scan every text and image in one scanner call: BLOCK refuses with 400, REDACT rewrites those texts and
///    replaces those images (as do remote images the scanner fetched: the provider gets what was scanned);
/// 6. send to the first candidate that answers, falling back before the first byte only (<see cref="FallbackSender"/>);
/// 7. relay the answer as it arrives;
/// 8. whatever happened, settle the hold at the real cost and append the audit event, in one step,
///    before the response completes.
/// </summary>
internal sealed class ChatCompletionPipeline(
    ChatRequestReader reader,
    ProjectRulesCache projectRules,
    ByokCache byok,
    RateLimiter rateLimiter,
    RouteCatalog catalog,
    ModelRouter router,
    FallbackSender sender,
    ProviderHealthBoard health,
    ScannerClient scanner,
    PromptTokenEstimator tokenEstimator,
    CreditReservation credits,
    ResponseRelay relay,
    AuditRecorder auditRecorder,
    TimeProvider time)
{
    /// <summary>nginx's code for "client closed the request": what the audit records when the caller left.</summary>
    private const int ClientClosedRequest = 499;

    private const int MaxUserHeaderLength = 256;

    public async Task RunAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<GatewayCaller>();
        var userHeader = context.Request.Headers[GovernanceHeaders.User].ToString();
        var audit = new RequestAudit(caller, CorrelationId.Of(context), time.GetUtcNow(),
            userHeader.Length is > 0 and <= MaxUserHeaderLength ? userHeader : null);

        string? errorType;
        try
        {
            errorType = await GovernAndForwardAsync(context, caller, audit);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            await RecordAsync(audit, ClientClosedRequest, "client_closed_request");
            return;
        }
        catch
        {
            await RecordAsync(audit, StatusCodes.Status500InternalServerError, "server_error");
            throw;
        }

        await RecordAsync(audit, context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : context.Response.StatusCode, errorType);
    }

    /// <summary>Runs steps 1–7; returns the error type when the gateway answered with an error of its own.</summary>
    private async Task<string?> GovernAndForwardAsync(HttpContext context, GatewayCaller caller, RequestAudit audit)
    {
        var cancellationToken = context.RequestAborted;

        // Step 1
        var (request, invalid) = await reader.ReadAsync(context.Request, cancellationToken);
        if (invalid is not null)
        {
            return await RefuseAsync(context, invalid);
        }

        audit.Read(request!);

        // Step 2
        var (rules, unavailable) = await projectRules.TryForAsync(caller, cancellationToken);
        if (unavailable is not null)
        {
            return await RefuseAsync(context, unavailable);
        }

        var (keys, keysUnavailable) = await byok.ForAsync(caller, cancellationToken);
        if (keysUnavailable is not null)
        {
            return await RefuseAsync(context, keysUnavailable);
        }

        // Step 3
        if (await catalog.GetAsync(cancellationToken) is not { } routes)
        {
            return await RefuseAsync(context, HubError.CatalogUnavailable());
        }

        var (plan, unroutable) = router.Plan(routes, request!, rules!, keys);
        if (unroutable is not null)
        {
            return await RefuseAsync(context, unroutable);
        }

        Routed(context, audit, plan!, plan!.Candidates[0], []);

        // Step 4: the prompt counted once, for the likeliest candidate (the others serve the same model). The
        // rate limits and the hold go to Redis together, one round trip: a hold taken for a request refused
        // after all is released with its audit event, like any other.
        var promptTokens = tokenEstimator.Estimate(request!, plan.Candidates[0].ModelId, plan.Candidates[0].UpstreamModel);
        var admitting = rateLimiter.AdmitAsync(caller, rules!.Project, request!.PromptSha256, promptTokens + (long)(request.MaxTokens ?? 0), cancellationToken);
        var reserving = credits.ReserveAsync(caller, request, plan, audit.EndUser, CorrelationId.Of(context), promptTokens, cancellationToken);
        var admission = await admitting;
        var (reservation, notReserved, shortfall) = await reserving;
        if (reservation is not null)
        {
            audit.Reserved(reservation.Hold);
        }

        admission.WriteHeaders(context.Response);
        if (admission.Error is not null)
        {
            return await RefuseAsync(context, admission.Error);
        }

        if (shortfall is not null)
        {
            var refusal = new InsufficientCreditsResult(shortfall, CorrelationId.Of(context));
            await refusal.ExecuteAsync(context);
            return refusal.ErrorType;
        }

        if (notReserved is not null)
        {
            return await RefuseAsync(context, notReserved);
        }

        // Step 5
        var (verdict, scanFailed) = await scanner.ScanAsync(request.Texts, request.Images, rules.Policy.Document, cancellationToken);
        if (scanFailed is not null)
        {
            return await RefuseAsync(context, scanFailed);
        }

        audit.Scanned(rules.Policy, verdict!);
        GovernanceHeaders.SetScan(context.Response, verdict!);
        if (verdict!.Blocked)
        {
            await new SecurityViolationResult(verdict, request.Texts, request.Images).ExecuteAsync(context);
            return SecurityViolationResult.ErrorType;
        }

        // Step 6: forward what the hold pays for.
        (request, plan) = (reservation!.Request, reservation.Plan);
        if (reservation.CappedFrom is { } allowance)
        {
            GovernanceHeaders.SetOutputCap(context.Response, allowance, reservation.Hold.GrantedOutputTokens);
        }

        var started = Stopwatch.GetTimestamp();
        var forwarded = await sender.SendAsync(plan, request, verdict, cancellationToken);
        if (forwarded.Offer is { } served)
        {
            Routed(context, audit, plan, served, forwarded.Fallbacks);
        }

        if (forwarded.Outcome.Response is not { } answer)
        {
            return await RefuseAsync(context, forwarded.Outcome.Error!);
        }

        if (answer.StatusCode < 400)
        {
            audit.Served(credits.RatesOf(plan, forwarded.Offer!));
        }

        // Step 7
        await using var upstream = answer;
        var streamed = request.Stream && upstream.StatusCode == StatusCodes.Status200OK;
        var usage = new UsageObserver(streamed);
        await relay.RelayAsync(context, upstream, streamed, usage, () =>
        {
            // Step 8 for an answered request: on record before its last bytes reach the client.
            var tokens = usage.Usage ?? upstream.Usage?.Value;
            audit.Answered(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tokens);
            if (streamed && tokens is { } counted && forwarded.Offer is { } offer)
            {
                // A stream's output speed, from its first byte: what sort "throughput" orders by.
                health.For(offer.ProviderId).RecordThroughput(counted.CompletionTokens, time.GetElapsedTime(forwarded.AnsweredAt).TotalMilliseconds);
            }

            return RecordAsync(audit, upstream.StatusCode, errorType: null);
        });
        return null;
    }

    /// <summary>The provider chosen, those tried before it and who pays it, on the audit event and the response headers.</summary>
    private static void Routed(HttpContext context, RequestAudit audit, RoutePlan plan, RouteOffer offer, IReadOnlyList<string> fallbacks)
    {
        var key = plan.KeyFor(offer);
        audit.Routed(offer, fallbacks, key?.Key.Id);
        GovernanceHeaders.SetRoute(context.Response, offer, fallbacks, key is null ? BillingModes.Managed : BillingModes.Byok);
    }

    /// <summary>Appends the request's audit event, once, however many exits reach this.</summary>
    private Task RecordAsync(RequestAudit audit, int status, string? errorType) =>
        audit.TryComplete(status, errorType) is { } auditEvent ? auditRecorder.RecordAsync(auditEvent, audit.Hold) : Task.CompletedTask;

    private static async Task<string> RefuseAsync(HttpContext context, HubError error)
    {
        await OpenAIErrorWriter.WriteAsync(context, error);
        return error.Type;
    }
}
