using System.Text.Json;
using Hub.Gateway.Correlation;

namespace Hub.Gateway.Errors;

/// <summary>
/// The one place that renders gateway errors: OpenAI's <c>ErrorResponse</c> shape
/// <c>{"error":{"message","type","param","code"}}</c>, all four keys always present, with the
/// correlation id header that every response carries.
/// </summary>
internal static class OpenAIErrorWriter
{
    private static readonly JsonEncodedText ErrorProperty = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText MessageProperty = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ParamProperty = JsonEncodedText.Encode("param");
    private static readonly JsonEncodedText CodeProperty = JsonEncodedText.Encode("code");

    public static Task WriteAsync(HttpContext context, HubError error)
    {
        // Policy blocks and upstream failures are deterministic for this request: tell the OpenAI
        // SDKs (which honour x-should-retry) not to resend a 5xx the gateway produced itself.
        if (error.Status >= 500)
        {
            context.Response.Headers["x-should-retry"] = error.Status == StatusCodes.Status500InternalServerError ? "false" : "true";
        }

        return WriteAsync(context, error.Status, Serialize(error));
    }

    /// <summary>Any error body the gateway renders itself (also the policy block's richer one), with the correlation id header.</summary>
    public static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        CorrelationId.EnsureOn(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public static byte[] Serialize(HubError error)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(ErrorProperty);
            writer.WriteString(MessageProperty, error.Message);
            writer.WriteString(TypeProperty, error.Type);
            WriteNullable(writer, ParamProperty, error.Param);
            WriteNullable(writer, CodeProperty, error.Code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
