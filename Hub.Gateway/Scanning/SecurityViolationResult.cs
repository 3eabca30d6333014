using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Correlation;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Scanning;

/// <summary>
/// The 400 a BLOCK finding produces, in the shape Hub's users rely on:
/// <c>{"error":{"message","type":"security_violation","code":400,"param":null,"violations":[…],"correlation_id"}}</c>.
/// Each violation says where (message index and character offsets), never what; one found in an image also carries
/// <c>image_index</c> (the image's place among the request's images) and its offsets are into the image's OCR text.
/// </summary>
internal sealed class SecurityViolationResult(ScanVerdict verdict, IReadOnlyList<ScannableText> texts, IReadOnlyList<ScannableImage> images) : IResult
{
    public const string Message = "Security policy violation: request blocked.";
    public const string ErrorType = "security_violation";

    public Task ExecuteAsync(HttpContext httpContext) =>
        OpenAIErrorWriter.WriteAsync(httpContext, StatusCodes.Status400BadRequest, Serialize(CorrelationId.Of(httpContext)));

    public byte[] Serialize(string correlationId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteString("message"u8, Message);
            writer.WriteString("type"u8, ErrorType);
            writer.WriteNumber("code"u8, StatusCodes.Status400BadRequest);
            writer.WriteNull("param"u8);
            writer.WriteStartArray("violations"u8);
            foreach (var finding in verdict.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("entity"u8, finding.Entity);
                writer.WriteString("action"u8, finding.Action);
                writer.WriteNumber("start"u8, finding.Start);
                writer.WriteNumber("end"u8, finding.End);
                var messageIndex = finding.ImageIndex is { } image ? images[image].MessageIndex : texts[finding.TextIndex!.Value].MessageIndex;
                if (messageIndex is { } index)
                {
                    writer.WriteNumber("message_index"u8, index);
                }
                else
                {
                    writer.WriteNull("message_index"u8);
                }

                if (finding.ImageIndex is { } imageIndex)
                {
                    writer.WriteNumber("image_index"u8, imageIndex);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("correlation_id"u8, correlationId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
