using System.Text.Json;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Mends one JSON answer (a completion, a chunk, or an error) of an upstream with documented
/// deviations, and leaves every other byte alone: a <c>finish_reason</c> outside OpenAI's enum is
/// mapped (<see cref="OpenAICompatibleProfile.FinishReasons"/>, else <c>stop</c>), and an error whose
/// <c>code</c> is a number is rendered again in OpenAI's shape with the number as a string.
/// </summary>
internal static class AnswerRewriter
{
    /// <summary>The mended JSON, or null when nothing needed mending.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> json, OpenAICompatibleProfile profile)
    {
        try
        {
            if (profile.NumericErrorCodes && NumericError(json) is { } error)
            {
                return OpenAIErrorWriter.Serialize(error);
            }

            return profile.FinishReasons is { } finishReasons ? MapFinishReasons(json, finishReasons) : null;
        }
        catch (JsonException)
        {
            // Not JSON we can read: the client gets it as the upstream sent it.
            return null;
        }
    }

    private static byte[]? MapFinishReasons(ReadOnlySpan<byte> json, IReadOnlyDictionary<string, string> map)
    {
        List<JsonEdit>? edits = null;
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("finish_reason"u8))
            {
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.String && !IsOpenAIFinishReason(ref reader))
            {
                var start = (int)reader.TokenStartIndex;
                var value = reader.GetString()!;
                (edits ??= []).Add(JsonEdit.String(start..(start + reader.ValueSpan.Length + 2), map.GetValueOrDefault(value, FinishReasons.Stop)));
            }
        }

        return edits is null ? null : JsonBodyEditor.Apply(json.ToArray(), edits);
    }

    private static bool IsOpenAIFinishReason(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("stop"u8) || reader.ValueTextEquals("length"u8) || reader.ValueTextEquals("tool_calls"u8)
        || reader.ValueTextEquals("content_filter"u8) || reader.ValueTextEquals("function_call"u8);

    /// <summary>
    /// An answer carrying <c>"error":{"code":502,"message":"…"}</c> at its top level (alone, or inside a
    /// chunk, as OpenRouter reports errors after a stream started) as a <see cref="HubError"/>; null when
    /// there is no such error.
    /// </summary>
    private static HubError? NumericError(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isError = reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType == JsonTokenType.StartObject)
            {
                return ReadError(ref reader);
            }

            reader.Skip();
        }

        return null;
    }

    private static HubError? ReadError(ref Utf8JsonReader reader)
    {
        int? code = null;
        string? message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals("code"u8);
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
            {
                code = number;
            }
            else if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return code is { } status
            ? new HubError(status, TypeOf(status), status.ToString(System.Globalization.CultureInfo.InvariantCulture), message ?? $"The provider answered with error {status}.")
            : null;
    }

    /// <summary>OpenAI's error types by status, for errors whose upstream gave none.</summary>
    public static string TypeOf(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 or 400 or 413 or 422 => "invalid_request_error",
        429 => "rate_limit_error",
        _ => "upstream_error",
    };
}
