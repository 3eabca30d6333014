using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What Aspire's ServiceDefaults template does, built from the packages our feed serves:
/// OpenTelemetry (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), health checks,
/// service discovery, and resilience for calls between Hub's own services.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every registered check (database, cache, ...) must pass.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: the process answers; only checks tagged <c>live</c> run.</summary>
    public const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();

        // Unlike the Aspire template, resilience is NOT a default for every HttpClient: upstream
        // LLM calls stream for minutes and must not be retried or cut by a 30 s total timeout.
        // Clients that call our own services opt in through AddServiceClient.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

        // A body that does not bind (malformed JSON, wrong shape) is the caller's 400, in every
        // environment; by default Development throws and turns it into a 500.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return builder;
    }

    /// <summary>
    /// A named HttpClient for another Hub service, addressed by its resource name
    /// (<c>http://scanner</c> resolves through <c>services__scanner__http__0</c>), with the
    /// standard resilience handler (retries, circuit breaker, timeouts).
    /// </summary>
    public static IHttpClientBuilder AddServiceClient(this IServiceCollection services, string serviceName)
    {
        var client = services.AddHttpClient(serviceName, http => http.BaseAddress = new Uri($"https+http://{serviceName}"));
        client.AddStandardResilienceHandler();
        return client;
    }

    /// <summary>
    /// Logs, metrics and traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost
    /// or the platform sets it). Without an endpoint nothing is collected at all: spans and metric
    /// aggregation cost CPU on every request, and nobody would receive them.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> and <c>/alive</c>. Aspire maps them in Development only; Hub maps them
    /// always because the orchestrator and container probes rely on them, and they reveal nothing
    /// but a status word.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });
        return app;
    }
}
