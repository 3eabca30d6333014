using Hub.Gateway.Errors;
using Npgsql;

namespace Hub.Gateway.Auth;

/// <summary>Stage 1 of the pipeline, applied once to the whole /v1 group.</summary>
internal sealed partial class ApiKeyEndpointFilter(ApiKeyAuthenticator authenticator, ILogger<ApiKeyEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        GatewayCaller? caller;
        HubError? error;
        try
        {
            (caller, error) = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
        }
        catch (NpgsqlException ex)
        {
            // Fail closed: without the key store nobody is let in.
            Log.KeyStoreUnavailable(logger, ex);
            error = new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "auth_unavailable",
                "The gateway cannot verify API keys right now. Try again shortly.");
            caller = null;
        }

        if (error is not null)
        {
            return new OpenAIErrorResult(error);
        }

        http.Features.Set(caller!);
        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.KeyStoreUnavailable, EventName = nameof(KeyStoreUnavailable), Level = LogLevel.Error,
            Message = "The API key store could not be reached; request refused")]
        public static partial void KeyStoreUnavailable(ILogger logger, Exception exception);
    }
}
