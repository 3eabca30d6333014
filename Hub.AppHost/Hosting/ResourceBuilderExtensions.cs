using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Hosting;

/// <summary>Wiring between resources, with Aspire's names and environment conventions.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables[name] = value ?? ""));

    /// <summary>The parameter's value, read when the process starts (it is generated or loaded then).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables[name] = parameter.Resource));
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));

    /// <summary>Gives the connection string as <c>ConnectionStrings__&lt;name&gt;</c> (the source's name unless <paramref name="connectionName"/>).</summary>
    public static IResourceBuilder<T> WithReference<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source, string? connectionName = null)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(source);
        var variable = $"ConnectionStrings__{connectionName ?? source.Resource.Name}";
        return builder
            .WithAnnotation(new ResourceRelationshipAnnotation(source.Resource, ResourceRelationshipAnnotation.ReferenceType))
            .WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables[variable] = source.Resource));
    }

    /// <summary>Gives each endpoint as <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c>, for Microsoft.Extensions.ServiceDiscovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(source);
        var service = source.Resource;
        return builder
            .WithAnnotation(new ResourceRelationshipAnnotation(service, ResourceRelationshipAnnotation.ReferenceType))
            .WithAnnotation(new EnvironmentCallbackAnnotation(context =>
            {
                foreach (var endpoint in service.Annotations.OfType<EndpointAnnotation>())
                {
                    context.EnvironmentVariables[$"services__{service.Name}__{endpoint.Name}__0"] = service.GetEndpoint(endpoint.Name);
                }
            }));
    }

    /// <summary>Holds the start of this resource until <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' cannot wait for itself.");
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource));
    }
}
