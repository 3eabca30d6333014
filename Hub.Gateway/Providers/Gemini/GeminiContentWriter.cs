using System.Text.Json;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>Writes the mapped turns as Gemini's <c>contents</c> array.</summary>
internal static class GeminiContentWriter
{
    /// <summary>
    /// Google's documented stand-in for a thought signature. Gemini 3 refuses a replayed function call
    /// without the signature it sent, which an OpenAI client cannot carry back; this tells it to skip
    /// the check (the Vercel AI SDK and Strands do the same).
    /// </summary>
    public const string SkipThoughtSignature = "skip_thought_signature_validator";

    /// <summary>Gemini 3 and later (<c>gemini-3-pro-preview</c>, <c>gemini-3.1-flash</c>) check thought signatures on replayed calls.</summary>
    internal static bool NeedsThoughtSignatures(string model)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model.AsSpan(7) : model.AsSpan();
        if (!name.StartsWith("gemini-", StringComparison.Ordinal))
        {
            return false;
        }

        var version = name[7..];
        var digits = version.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(digits < 0 ? version : version[..digits], out var major) && major >= 3;
    }

    public static void Write(Utf8JsonWriter writer, List<GeminiTurn> contents, bool signCalls)
    {
        writer.WriteStartArray("contents"u8);
        foreach (var turn in contents)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.Role);
            writer.WriteStartArray("parts"u8);
            var signed = !signCalls;
            foreach (var part in turn.Parts)
            {
                WritePart(writer, part, sign: !signed && part.Kind == GeminiPartKind.FunctionCall);
                signed |= part.Kind == GeminiPartKind.FunctionCall;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <param name="sign">The first function call of a model turn: only it carries a signature (parallel calls share it).</param>
    private static void WritePart(Utf8JsonWriter writer, GeminiRequestPart part, bool sign)
    {
        writer.WriteStartObject();
        switch (part.Kind)
        {
            case GeminiPartKind.Text:
                writer.WriteString("text"u8, part.Value);
                break;
            case GeminiPartKind.InlineData or GeminiPartKind.FileData:
                writer.WriteStartObject(part.Kind == GeminiPartKind.InlineData ? "inlineData"u8 : "fileData"u8);
                writer.WriteString("mimeType"u8, part.MimeType);
                writer.WriteString(part.Kind == GeminiPartKind.InlineData ? "data"u8 : "fileUri"u8, part.Value);
                writer.WriteEndObject();
                break;
            case GeminiPartKind.FunctionCall or GeminiPartKind.FunctionResponse:
                var isCall = part.Kind == GeminiPartKind.FunctionCall;
                writer.WriteStartObject(isCall ? "functionCall"u8 : "functionResponse"u8);
                writer.WriteString("name"u8, part.Value);
                writer.WritePropertyName(isCall ? "args"u8 : "response"u8);
                part.Json!.Value.WriteTo(writer);
                writer.WriteEndObject();
                if (sign)
                {
                    writer.WriteString("thoughtSignature"u8, SkipThoughtSignature);
                }

                break;
        }

        writer.WriteEndObject();
    }
}
