using Hub.Gateway.Errors;
using Hub.Gateway.Providers;
using Hub.Gateway.Routing;
using Hub.Gateway.Streaming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// <c>POST /v1/chat/completions</c>. The pipeline, in order (authentication runs before this, as the
/// /v1 group's filter):
/// 1. read and validate the body;
/// 2. resolve <c>provider/model</c>;
/// 3. send upstream with the model id rewritten, nothing else changed;
/// 4. relay the answer as it arrives.
/// Policy, scanning, budget, fallback and audit join as their issues land.
/// </summary>
internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", CreateAsync);
        return v1;
    }

    private static async Task<Results<EmptyHttpResult, OpenAIErrorResult>> CreateAsync(
        HttpContext context, ChatRequestReader reader, ModelResolver resolver, ResponseRelay relay)
    {
        var cancellationToken = context.RequestAborted;

        // Step 1
        var (request, invalid) = await reader.ReadAsync(context.Request, cancellationToken);
        if (invalid is not null)
        {
            return new OpenAIErrorResult(invalid);
        }

        // Step 2
        var (model, unknown) = resolver.Resolve(request!.Model);
        if (unknown is not null)
        {
            return new OpenAIErrorResult(unknown);
        }

        // Step 3
        var outcome = await model!.Provider.SendAsync(new ProviderRequest(request.WithModel(model.UpstreamModel), request.Stream), cancellationToken);
        if (outcome.Error is not null)
        {
            return new OpenAIErrorResult(outcome.Error);
        }

        // Step 4
        await using var upstream = outcome.Response!;
        await relay.RelayAsync(context, upstream, request.Stream && upstream.StatusCode == StatusCodes.Status200OK);
        return TypedResults.Empty;
    }
}
