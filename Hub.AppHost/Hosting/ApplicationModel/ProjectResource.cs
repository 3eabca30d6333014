namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// One of our .NET services, started from its built assembly (<see cref="IProjectMetadata.TargetPath"/>)
/// with one <c>http</c> endpoint on a free loopback port. Its health is <c>GET /health</c> → 200.
/// </summary>
public sealed class ProjectResource(string name) : Resource(name),
    IResourceWithEnvironment, IResourceWithServiceDiscovery, IResourceWithWaitSupport
{
    public const string HttpEndpointName = "http";

    public const string HealthPath = "/health";

    public IProjectMetadata Metadata => Annotations.OfType<IProjectMetadata>().SingleOrDefault()
        ?? throw new InvalidOperationException($"Project resource '{Name}' has no project metadata.");

    public EndpointReference HttpEndpoint => this.GetEndpoint(HttpEndpointName);
}
