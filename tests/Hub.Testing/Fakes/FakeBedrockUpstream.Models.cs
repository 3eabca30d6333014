using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Testing.Fakes;

/// <summary>
/// <c>ListFoundationModels</c> (<c>GET /foundation-models</c>, on AWS the control-plane host
/// <c>bedrock.{region}.amazonaws.com</c>), the cheap authenticated call a stored key is checked with:
/// the same SigV4 or API key check as Converse (a GET signs no content type), then AWS's shape
/// <c>{"modelSummaries":[{"modelArn","modelId","modelName","providerName",…}]}</c>.
/// </summary>
public sealed partial class FakeBedrockUpstream
{
    public const string ListFoundationModelsPath = "/foundation-models";

    private async Task ListFoundationModelsAsync(HttpContext context)
    {
        RecordModelListCall(context.Request);
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteErrorAsync(context, new AwsRefusal(404, "UnknownOperationException", "The requested operation is not recognized by the service."));
            return;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (Authenticate(context.Request, rawTarget, []) is { } refusal)
        {
            await WriteErrorAsync(context, refusal);
            return;
        }

        var summaries = new[]
        {
            new
            {
                modelArn = $"arn:aws:bedrock:{Region}::foundation-model/{Models.Text}",
                modelId = Models.Text,
                modelName = "Claude 3.5 Sonnet",
                providerName = "Anthropic",
                inputModalities = new[] { "TEXT", "IMAGE" },
                outputModalities = new[] { "TEXT" },
                responseStreamingSupported = true,
                customizationsSupported = Array.Empty<string>(),
                inferenceTypesSupported = new[] { "ON_DEMAND" },
                modelLifecycle = new { status = "ACTIVE" },
            },
        };
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = "fake-request-id";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { modelSummaries = summaries }), context.RequestAborted);
    }
}
