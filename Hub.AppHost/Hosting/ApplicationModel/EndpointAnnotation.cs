namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A network endpoint of a resource. The orchestrator allocates it (a free loopback port unless
/// <see cref="Port"/> is fixed) before anything starts, so every connection string and service URL is
/// known up front, as Aspire's DCP does; we skip DCP's proxy, so port and target port are one.
/// </summary>
public sealed class EndpointAnnotation(string name, string uriScheme, int? port = null) : IResourceAnnotation
{
    public string Name { get; } = name;

    public string UriScheme { get; } = uriScheme;

    /// <summary>A fixed port, or null for a free one chosen at each start.</summary>
    public int? Port { get; } = port;

    public AllocatedEndpoint? AllocatedEndpoint { get; set; }
}

/// <summary>Where an endpoint actually listens during this run.</summary>
public sealed class AllocatedEndpoint(EndpointAnnotation endpoint, string address, int port)
{
    public EndpointAnnotation Endpoint { get; } = endpoint;

    public string Address { get; } = address;

    public int Port { get; } = port;

    public string UriString => $"{Endpoint.UriScheme}://{Address}:{Port}";
}

/// <summary>A late-bound pointer to a resource's endpoint: usable in the model before ports are allocated.</summary>
public sealed class EndpointReference(IResourceWithEndpoints resource, string endpointName) : IValueProvider
{
    public IResourceWithEndpoints Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation Annotation =>
        Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == EndpointName)
        ?? throw new InvalidOperationException($"Resource '{Resource.Name}' has no endpoint named '{EndpointName}'.");

    public bool IsAllocated => Annotation.AllocatedEndpoint is not null;

    public int Port => Allocated.Port;

    /// <summary>e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Url => Allocated.UriString;

    private AllocatedEndpoint Allocated => Annotation.AllocatedEndpoint
        ?? throw new InvalidOperationException($"The endpoint '{EndpointName}' of '{Resource.Name}' is not allocated yet: read it after the application has started.");

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Url);
}

public static class EndpointExtensions
{
    public static EndpointReference GetEndpoint(this IResourceWithEndpoints resource, string name) => new(resource, name);

    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name)
        where T : IResourceWithEndpoints => new(builder.Resource, name);
}
