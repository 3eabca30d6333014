using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hub.Gateway;

/// <summary>
/// How the gateway writes JSON of its own: like OpenAI, non-ASCII text and apostrophes stay as they
/// are (the default encoder would write <c>\u00fc</c> and <c>\u0027</c>). Safe because these bodies are
/// <c>application/json</c> or SSE, never HTML.
/// </summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
