using Microsoft.AspNetCore.Diagnostics;

namespace Hub.Gateway.Errors;

/// <summary>The last resort: an unexpected exception still leaves as an OpenAI error with the correlation id.</summary>
internal static partial class UnhandledExceptionHandler
{
    public static Task HandleAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hub.Gateway.Errors");
        Log.UnhandledException(logger, exception?.GetType().Name ?? "unknown", exception);
        return OpenAIErrorWriter.WriteAsync(context, HubError.Internal());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.UnhandledException, EventName = nameof(UnhandledException), Level = LogLevel.Error,
            Message = "Unhandled {ExceptionType} while processing a request")]
        public static partial void UnhandledException(ILogger logger, string exceptionType, Exception? exception);
    }
}
