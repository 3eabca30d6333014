using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>A local redis-server with a password (a generated parameter unless given) and the append-only file on.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(
        this IDistributedApplicationBuilder builder, string name, int? port = null, IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var passwordParameter = password?.Resource ?? builder.AddDefaultPassword(name);
        return builder.AddResource(new RedisResource(name, passwordParameter))
            .WithAnnotation(new EndpointAnnotation(RedisResource.PrimaryEndpointName, "tcp", port));
    }
}
