using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Polly.CircuitBreaker;

namespace Hub.Gateway.Scanning;

/// <summary>
/// Sends every text of a request to Hub.Scanner in one <c>POST /v1/scan</c> call with the caller's
/// policy. Fails closed: if the scanner cannot answer, the caller gets a 503 and nothing is forwarded.
/// </summary>
internal sealed partial class ScannerClient(IHttpClientFactory clients, ILogger<ScannerClient> logger)
{
    public const string ClientName = "scanner";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <param name="policyJson">The policy as the scan API takes it; null for the scanner's default (Maximum Protection).</param>
    public async Task<(ScanVerdict? Verdict, HubError? Error)> ScanAsync(
        IReadOnlyList<ScannableText> texts, ReadOnlyMemory<byte>? policyJson, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return (ScanVerdict.Empty, null);
        }

        var started = Stopwatch.GetTimestamp();
        using var content = new ReadOnlyMemoryContent(WriteRequest(texts, policyJson));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsync("/v1/scan", content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            {
                return (null, new HubError(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large",
                    "The request holds more text than the gateway scans in one request."));
            }

            if (!response.IsSuccessStatusCode)
            {
                // A 400 here means a stored policy the scanner refuses: a configuration fault, not the caller's.
                Log.ScannerRefused(logger, (int)response.StatusCode);
                return (null, Unavailable());
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var verdict = await JsonSerializer.DeserializeAsync(body, ScannerWireContext.Default.ScanVerdict, cancellationToken);
            if (verdict is null || verdict.RedactedTexts?.Count != texts.Count)
            {
                Log.ScannerAnswerInvalid(logger);
                return (null, Unavailable());
            }

            return (verdict with { RoundTripMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds }, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.ScannerUnavailable(logger, ex.GetType().Name);
            return (null, Unavailable());
        }
    }

    private static HubError Unavailable() => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "scanner_unavailable",
        "The request could not be scanned, so it was not sent. Try again shortly.");

    /// <summary><c>{"texts":[…],"policy":{…}}</c>, the policy copied as stored.</summary>
    private static ReadOnlyMemory<byte> WriteRequest(IReadOnlyList<ScannableText> texts, ReadOnlyMemory<byte>? policyJson)
    {
        var size = 64 + (policyJson?.Length ?? 0);
        foreach (var text in texts)
        {
            size += text.Value.Length + 8;
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        using var writer = new Utf8JsonWriter(buffer, JsonWriting.Options);
        writer.WriteStartObject();
        writer.WriteStartArray("texts"u8);
        foreach (var text in texts)
        {
            writer.WriteStringValue(text.Value);
        }

        writer.WriteEndArray();
        if (policyJson is { } policy)
        {
            writer.WritePropertyName("policy"u8);
            writer.WriteRawValue(policy.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerUnavailable, EventName = nameof(ScannerUnavailable), Level = LogLevel.Error,
            Message = "The scanner could not be reached ({ExceptionType}); request refused")]
        public static partial void ScannerUnavailable(ILogger logger, string exceptionType);

        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerRefused, EventName = nameof(ScannerRefused), Level = LogLevel.Error,
            Message = "The scanner answered HTTP {Status}; request refused")]
        public static partial void ScannerRefused(ILogger logger, int status);

        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerAnswerInvalid, EventName = nameof(ScannerAnswerInvalid), Level = LogLevel.Error,
            Message = "The scanner's answer did not match the request; request refused")]
        public static partial void ScannerAnswerInvalid(ILogger logger);
    }
}
