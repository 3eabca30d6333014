using System.Text.Json;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Routing;

/// <summary>How <c>sort</c> orders the candidates.</summary>
internal enum ProviderSort
{
    /// <summary>Cheapest for this request first (the default).</summary>
    Price,

    /// <summary>Lowest recent time to first byte first.</summary>
    Latency,

    /// <summary>Highest recent output tokens per second first.</summary>
    Throughput,
}

/// <summary>
/// The request's own routing wishes, in OpenRouter's <c>provider</c> object. They can only narrow
/// what the project allows: every field removes or reorders candidates, none adds one. Hub removes
/// the object from the body it forwards (no upstream but OpenRouter knows it, and OpenRouter gets
/// Hub's own restrictions instead).
/// </summary>
/// <param name="Order">Providers to try first, in this order.</param>
/// <param name="Only">If set, no provider outside it.</param>
/// <param name="Ignore">Providers never to use.</param>
/// <param name="AllowFallbacks">False: try the first candidate (or the <see cref="Order"/> list) only.</param>
/// <param name="DenyDataCollection"><c>data_collection: "deny"</c>: only providers that do not train on prompts.</param>
/// <param name="ZeroDataRetention"><c>zdr: true</c>: only providers that keep nothing.</param>
/// <param name="MaxPromptMicrosPerMillion"><c>max_price.prompt</c> (USD per million tokens) in micro-USD.</param>
/// <param name="MaxCompletionMicrosPerMillion"><c>max_price.completion</c> in micro-USD per million tokens.</param>
internal sealed record ProviderPreferences(
    IReadOnlyList<string> Order,
    IReadOnlyList<string>? Only,
    IReadOnlyList<string> Ignore,
    bool AllowFallbacks,
    bool DenyDataCollection,
    bool ZeroDataRetention,
    ProviderSort Sort,
    long? MaxPromptMicrosPerMillion,
    long? MaxCompletionMicrosPerMillion)
{
    public static readonly ProviderPreferences None = new([], null, [], true, false, false, ProviderSort.Price, null, null);

    /// <summary>Reads the <c>provider</c> value the reader is on; unknown fields (OpenRouter has more) are ignored.</summary>
    public static (ProviderPreferences? Preferences, HubError? Error) Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (None, null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, Invalid("provider", "'provider' must be an object such as {\"order\":[\"groq\"],\"allow_fallbacks\":false}."));
        }

        var preferences = None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            HubError? error = null;
            switch (field)
            {
                case "order": (preferences, error) = ReadIds(ref reader, field, ids => preferences with { Order = ids }); break;
                case "only": (preferences, error) = ReadIds(ref reader, field, ids => preferences with { Only = ids }); break;
                case "ignore": (preferences, error) = ReadIds(ref reader, field, ids => preferences with { Ignore = ids }); break;
                case "allow_fallbacks": (preferences, error) = ReadBool(ref reader, field, value => preferences with { AllowFallbacks = value }, preferences); break;
                case "zdr": (preferences, error) = ReadBool(ref reader, field, value => preferences with { ZeroDataRetention = value }, preferences); break;
                case "data_collection":
                    (preferences, error) = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("deny"u8) || reader.ValueTextEquals("allow"u8))
                        ? (preferences with { DenyDataCollection = reader.ValueTextEquals("deny"u8) }, null)
                        : (preferences, Invalid("provider.data_collection", "'provider.data_collection' must be \"allow\" or \"deny\"."));
                    break;
                case "sort":
                    (preferences, error) = SortOf(ref reader) is { } sort
                        ? (preferences with { Sort = sort }, null)
                        : (preferences, Invalid("provider.sort", "'provider.sort' must be \"price\", \"latency\" or \"throughput\"."));
                    break;
                case "max_price": (preferences, error) = ReadMaxPrice(ref reader, preferences); break;
                default: reader.Skip(); break;
            }

            if (error is not null)
            {
                return (null, error);
            }
        }

        return (preferences, null);
    }

    private static (ProviderPreferences, HubError?) ReadIds(ref Utf8JsonReader reader, string field, Func<string[], ProviderPreferences> apply)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return (None, Invalid($"provider.{field}", $"'provider.{field}' must be an array of provider ids."));
        }

        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return (None, Invalid($"provider.{field}", $"'provider.{field}' must be an array of provider ids."));
            }

            ids.Add(reader.GetString()!.ToLowerInvariant());
        }

        return (apply([.. ids]), null);
    }

    private static (ProviderPreferences, HubError?) ReadBool(ref Utf8JsonReader reader, string field, Func<bool, ProviderPreferences> apply, ProviderPreferences current) =>
        reader.TokenType is JsonTokenType.True or JsonTokenType.False
            ? (apply(reader.TokenType == JsonTokenType.True), null)
            : (current, Invalid($"provider.{field}", $"'provider.{field}' must be a boolean."));

    private static ProviderSort? SortOf(ref Utf8JsonReader reader) => reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("price"u8) ? ProviderSort.Price
        : reader.ValueTextEquals("latency"u8) ? ProviderSort.Latency
        : reader.ValueTextEquals("throughput"u8) ? ProviderSort.Throughput
        : null;

    /// <summary><c>{"prompt": 0.5, "completion": 1.5}</c> in USD per million tokens, as OpenRouter takes it.</summary>
    private static (ProviderPreferences, HubError?) ReadMaxPrice(ref Utf8JsonReader reader, ProviderPreferences current)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (current, Invalid("provider.max_price", "'provider.max_price' must be an object with 'prompt' and/or 'completion' in USD per million tokens."));
        }

        var result = current;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPrompt = reader.ValueTextEquals("prompt"u8);
            var isCompletion = reader.ValueTextEquals("completion"u8);
            reader.Read();
            if (!isPrompt && !isCompletion)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var usd) || usd < 0 || usd > 1_000_000)
            {
                return (current, Invalid("provider.max_price", "'provider.max_price' values must be non-negative numbers (USD per million tokens)."));
            }

            var micros = (long)decimal.Round(usd * 1_000_000m);
            result = isPrompt ? result with { MaxPromptMicrosPerMillion = micros } : result with { MaxCompletionMicrosPerMillion = micros };
        }

        return (result, null);
    }

    private static HubError Invalid(string param, string message) => HubError.InvalidRequest(message, param, "invalid_value");
}
