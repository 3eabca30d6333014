using System.Globalization;
using Hub.AppHost.Hosting.ApplicationModel;
using Hub.Core.Randomness;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// The environment a service starts with. It inherits the AppHost's own (that is how settings such as
/// <c>Providers__openai__ApiKey</c> reach the services); on top come Aspire's run-mode variables, then
/// the model's (<c>WithReference</c>, <c>WithEnvironment</c>), which win.
/// </summary>
internal static class ProjectEnvironment
{
    public static async Task<Dictionary<string, string?>> BuildAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Always ours: an inherited value would bind every service to one address.
            ["ASPNETCORE_URLS"] = project.HttpEndpoint.Url,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = ResourceAttributes(project.Name),
        };

        // OTEL_EXPORTER_OTLP_ENDPOINT is not set here: inherited, it exists only if the AppHost was given one.
        if (IsUnset("ASPNETCORE_ENVIRONMENT") && IsUnset("DOTNET_ENVIRONMENT"))
        {
            environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        }

        var context = new EnvironmentCallbackContext(cancellationToken);
        foreach (var annotation in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(context);
        }

        foreach (var (name, value) in context.EnvironmentVariables)
        {
            environment[name] = value switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        return environment;
    }

    /// <summary>
    /// <c>service.instance.id</c> tells runs (and, later, replicas) apart in telemetry, as Aspire's
    /// <c>&lt;name&gt;-&lt;random&gt;</c> does; attributes given to the AppHost are kept.
    /// </summary>
    private static string ResourceAttributes(string resourceName)
    {
        var instance = $"service.instance.id={resourceName}-{Base62.Random(CryptoRandomSource.Instance, "", 8).ToLowerInvariant()}";
        return Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") is { Length: > 0 } inherited
            ? $"{inherited},{instance}"
            : instance;
    }

    private static bool IsUnset(string variable) => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable));
}
