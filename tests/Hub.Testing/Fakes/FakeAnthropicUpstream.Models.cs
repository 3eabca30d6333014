using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>
/// <c>GET /v1/models</c>, the cheap authenticated call a stored key is checked with, with the same header
/// checks as a message (401 for a wrong <c>x-api-key</c>, 403 for <see cref="ForbiddenApiKey"/>, 400 without
/// <c>anthropic-version</c>). Anthropic's shape: <c>{"data":[{"type":"model","id","display_name","created_at"}],"has_more","first_id","last_id"}</c>.
/// </summary>
public sealed partial class FakeAnthropicUpstream
{
    private async Task ListModelsAsync(HttpContext context)
    {
        RecordModelListCall(context.Request);
        var headers = context.Request.Headers;
        if (await RefusedAsync(context, headers["x-api-key"].ToString(), headers["anthropic-version"].ToString()))
        {
            return;
        }

        object[] data =
        [
            new { type = "model", id = Models.Text, display_name = "Claude Fake", created_at = "2025-02-19T00:00:00Z" },
            new { type = "model", id = Models.Tools, display_name = "Claude Fake Tools", created_at = "2025-02-19T00:00:00Z" },
        ];
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = "req_fake_0002";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { data, has_more = false, first_id = Models.Text, last_id = Models.Tools }));
    }
}
