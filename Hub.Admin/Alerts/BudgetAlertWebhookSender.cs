using System.Globalization;
using System.Net.Http.Headers;
using Hub.Core.Billing.Alerts;
using Hub.Core.Net;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Alerts;

/// <summary>How one attempt went: <paramref name="Status"/> is the receiver's HTTP status (null without an answer); <paramref name="Permanent"/> when retrying cannot help.</summary>
internal readonly record struct WebhookAttemptResult(bool Delivered, int? Status, string? Error, bool Permanent = false);

/// <summary>
/// Makes one signed POST of an alert to its organization's webhook (<see cref="WebhookSignature"/>), with
/// its own connection pool: no redirects followed (a 3xx is a failed attempt), no cookies, no service
/// discovery or resilience handlers (the outbox retries), a timeout per attempt, and only public addresses
/// (<see cref="PublicAddressRules"/>). The response body is not read.
/// </summary>
internal sealed class BudgetAlertWebhookSender(TimeProvider time, IOptions<BudgetAlertOptions> options) : IDisposable
{
    private readonly BudgetAlertOptions settings = options.Value;

    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromMilliseconds(options.Value.DeliveryTimeoutMs),
        // Receivers' DNS may move: do not keep a connection (and its resolved address) for ever.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) =>
            PublicAddressRules.ConnectAsync(context.DnsEndPoint, options.Value.AllowLoopbackHttp, cancellationToken),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires (shutdown).</exception>
    public async Task<WebhookAttemptResult> SendAsync(BudgetAlertAttempt attempt, BudgetAlertWebhook webhook, CancellationToken cancellationToken)
    {
        var (url, problem) = WebhookUrlRules.Check(webhook.Url, settings.AllowLoopbackHttp);
        if (url is null)
        {
            return new WebhookAttemptResult(false, null, "url not allowed: " + problem, Permanent: true);
        }

        var body = BudgetAlertWebhookPayload.Serialize(attempt.EventId, attempt.Alert);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventIdHeader, attempt.EventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, BudgetAlertWebhookPayload.EventType);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(webhook.Secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Hub-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(settings.DeliveryTimeoutMs));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttemptResult(true, status, null)
                : new WebhookAttemptResult(false, status, status is >= 300 and < 400 ? $"http {status} (redirects are not followed)" : $"http {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, null, "timeout");
        }
        catch (HttpRequestException ex) when (ex.InnerException is PublicAddressRefusedException)
        {
            return new WebhookAttemptResult(false, null, "address not allowed (private, loopback, link-local or reserved)", Permanent: true);
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: the message may name the receiver's host.
            return new WebhookAttemptResult(false, null, $"network error ({ex.HttpRequestError})");
        }
    }

    public void Dispose() => client.Dispose();
}
