using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// What a client sees when an OpenAI-compatible upstream says no. The client's own mistakes (400,
/// 404, 413, 422 with an OpenAI error body) come back byte for byte with their status, since they
/// describe the client's request, and are never routed around. A 429 with an OpenAI body is relayed
/// the same way if no other provider can take the request. Everything else becomes a gateway error:
/// a 401/403 means Hub's provider credentials are wrong, which the client cannot fix, and 5xx bodies
/// are not ours to pass on. OpenRouter differs (<see cref="OpenAICompatibleProfile.NumericErrorCodes"/>):
/// its 402 means Hub's OpenRouter account has no credit (another provider may serve), its 403 is a
/// moderation refusal (answered, not routed around), and its bodies are rendered in OpenAI's shape.
/// </summary>
internal static partial class OpenAICompatibleErrorMapper
{
    public static async Task<ProviderOutcome> MapAsync(
        string provider, OpenAICompatibleProfile profile, HttpResponseMessage response, ILogger logger, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        Log.UpstreamFailed(logger, provider, status);
        var mayFallback = status is 408 or 429 or >= 500;
        var aggregator = profile.NumericErrorCodes;

        if (aggregator && status == 402)
        {
            return ProviderOutcome.Failure(new HubError(StatusCodes.Status502BadGateway, "upstream_error", "provider_out_of_credit",
                $"The provider '{provider}' has no credit left on the gateway's account."), mayFallback: true);
        }

        if (status == 401 || (status == 403 && !aggregator))
        {
            return ProviderOutcome.Failure(HubError.ProviderAuthFailed(provider), mayFallback: true);
        }

        if (status is >= 400 and < 500 and not 408)
        {
            var body = await BoundedContent.ReadAsync(response.Content, BoundedContent.MaxErrorBytes, cancellationToken);
            if (body is not null && IsOpenAIError(body))
            {
                var shown = aggregator ? AnswerRewriter.Rewrite(body, profile) ?? body : body;
                return ProviderOutcome.Relayed(new ProviderResponse(status, "application/json", shown.Length, new MemoryStream(shown)), mayFallback);
            }

            if (status is 400 or 404 or 413 or 422)
            {
                // The request was refused in a shape of the provider's own (Mistral's): still the client's to fix.
                return ProviderOutcome.Failure(new HubError(status, "invalid_request_error", null,
                    $"The provider '{provider}' rejected the request (HTTP {status})."), mayFallback: false);
            }
        }

        return ProviderOutcome.Failure(status == 408 ? HubError.UpstreamTimeout(provider) : HubError.UpstreamFailed(provider, status), mayFallback);
    }

    internal static bool IsOpenAIError(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError)
                {
                    return reader.TokenType == JsonTokenType.StartObject;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.UpstreamFailed, EventName = nameof(UpstreamFailed), Level = LogLevel.Debug,
            Message = "Provider {Provider} answered HTTP {Status}")]
        public static partial void UpstreamFailed(ILogger logger, string provider, int status);
    }
}
