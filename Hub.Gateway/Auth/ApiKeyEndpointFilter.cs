using Hub.Gateway.Errors;
using Npgsql;

namespace Hub.Gateway.Auth;

/// <summary>Stage 1 of the pipeline, applied once to the whole /v1 group.</summary>
internal sealed partial class ApiKeyEndpointFilter(ApiKeyAuthenticator authenticator, TimeProvider time, ILogger<ApiKeyEndpointFilter> logger)
    : IEndpointFilter
{
    /// <summary>Set once a key is past its rotation date: the date, so the owner sees it in any client that logs headers.</summary>
    public const string RotationDueHeader = "x-hub-key-rotation-due";

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
        if (time.GetUtcNow() >= caller!.RotateBy)
        {
            http.Response.Headers[RotationDueHeader] = caller.RotateBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.KeyStoreUnavailable, EventName = nameof(KeyStoreUnavailable), Level = LogLevel.Error,
            Message = "The API key store could not be reached; request refused")]
        public static partial void KeyStoreUnavailable(ILogger logger, Exception exception);
    }
}
