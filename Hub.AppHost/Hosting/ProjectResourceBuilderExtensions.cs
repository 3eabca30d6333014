using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Adds one of the referenced services (<c>Projects.Hub_Gateway</c> ...) with an <c>http</c> endpoint
    /// on a free loopback port. Aspire reads the port from launchSettings.json; we have no proxy in
    /// front, so any free port will do.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name))
            .WithAnnotation(new TProject())
            .WithAnnotation(new EndpointAnnotation(ProjectResource.HttpEndpointName, "http"));
    }
}
