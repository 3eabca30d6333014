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
        if (await RefusedKeyAsync(context, context.Request.Headers["x-goog-api-key"].ToString()))
        {
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
