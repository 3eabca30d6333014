using Hub.Core.Randomness;

namespace Hub.Gateway.Correlation;

/// <summary>
/// <c>x-hub-correlation-id: req_&lt;24 base62&gt;</c> on every response, errors included. The id
/// ties a client's report to the audit record and logs without exposing anything else.
/// </summary>
internal static class CorrelationId
{
    public const string HeaderName = "x-hub-correlation-id";
    private const string Prefix = "req_";
    private const int RandomLength = 24;

    public static string New(IRandomSource random) => Base62.Random(random, Prefix, RandomLength);

    /// <summary>The id of this request, made on first use and stored as a typed feature.</summary>
    public static string Of(HttpContext context)
    {
        var feature = context.Features.Get<CorrelationFeature>();
        if (feature is null)
        {
            feature = new CorrelationFeature(New(context.RequestServices.GetRequiredService<IRandomSource>()));
            context.Features.Set(feature);
        }

        return feature.Id;
    }

    /// <summary>Sets the header unless the response has started; safe to call more than once.</summary>
    public static void EnsureOn(HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[HeaderName] = Of(context);
        }
    }

    private sealed record CorrelationFeature(string Id);
}

/// <summary>First middleware: stamps the id before anything can write a response.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        CorrelationId.EnsureOn(context);
        return next(context);
    }
}
