using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>
/// <c>GET /v1beta/models</c>, the cheap authenticated call a stored key is checked with, with the same key
/// checks as a generation (a <c>?key=</c> query refused, no key 403, a wrong key 400 <c>API_KEY_INVALID</c>).
/// Google's shape: <c>{"models":[{"name":"models/…","version","displayName","inputTokenLimit","outputTokenLimit","supportedGenerationMethods"}]}</c>.
/// </summary>
public sealed partial class FakeGeminiUpstream
{
    private async Task ListModelsAsync(HttpContext context)
    {
        RecordModelListCall(context.Request);
        var key = context.Request.Headers["x-goog-api-key"].ToString();
        if (context.Request.Query.ContainsKey("key"))
        {
            await FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", "Fake Gemini: send the API key in x-goog-api-key, never in the URL.");
            return;
        }

        if (key.Length == 0)
        {
            await FakeGeminiWire.ErrorAsync(context, 403, "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
            return;
        }

        if (key != ApiKey && !Accepts(key))
        {
            await FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
            return;
        }

        await FakeGeminiWire.JsonAsync(context, $$"""
            {"models":[
              {"name":"models/{{Models.Text}}","version":"001","displayName":"Gemini Text","description":"The fake's text model.","inputTokenLimit":1048576,"outputTokenLimit":8192,"supportedGenerationMethods":["generateContent","countTokens"]},
              {"name":"models/{{Models.Thinking}}","version":"001","displayName":"Gemini Thinking","description":"The fake's thinking model.","inputTokenLimit":1048576,"outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens"],"thinking":true}
            ]}
            """);
    }
}
