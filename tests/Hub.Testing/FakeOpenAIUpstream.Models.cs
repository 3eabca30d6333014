using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hub.Testing;

/// <summary>
/// The model list, the cheap authenticated call a stored key is checked with: <c>GET /v1/models</c>,
/// <c>GET /{provider}/v1/models</c> and Azure's <c>GET /azure/openai/models?api-version=…</c>, with the same
/// key check as a completion (a wrong key is the flavor's 401). OpenAI's shape:
/// <c>{"object":"list","data":[{"id","object":"model","created","owned_by"}]}</c>; Azure adds its own fields.
/// </summary>
public sealed partial class FakeOpenAIUpstream
{
    private void MapModelList(WebApplication app)
    {
        app.MapGet("/v1/models", context => ListModelsAsync(context, FakeFlavor.OpenAI));
        app.MapGet("/azure/openai/models", context => ListModelsAsync(context, FakeFlavor.Azure));
        app.MapGet("/{provider}/v1/models", context => ListModelsAsync(context, FakeFlavor.For((string)context.GetRouteValue("provider")!)));
    }

    private async Task ListModelsAsync(HttpContext context, FakeFlavor flavor)
    {
        RecordModelListCall(context.Request);
        if (!flavor.IsAuthorized(context.Request, this))
        {
            await flavor.WriteErrorAsync(context, 401, "Incorrect API key provided: sk-wrong.", "invalid_request_error", null, "invalid_api_key");
            return;
        }

        object[] data = flavor == FakeFlavor.Azure
            ? [new { id = Models.Text, status = "succeeded", created_at = Created, lifecycle_status = "generally-available", capabilities = new { chat_completion = true }, @object = "model" }]
            : [new { id = Models.Text, @object = "model", created = Created, owned_by = "fake" }, new { id = Models.Tools, @object = "model", created = Created, owned_by = "fake" }];
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { @object = "list", data }));
    }
}
