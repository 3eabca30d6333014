using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>A local PostgreSQL server; its superuser is <c>postgres</c>, its password a generated parameter unless given.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var passwordParameter = password?.Resource ?? builder.AddDefaultPassword(name);
        return builder.AddResource(new PostgresServerResource(name, passwordParameter))
            .WithAnnotation(new EndpointAnnotation(PostgresServerResource.PrimaryEndpointName, "tcp", port));
    }

    /// <summary>A database created (if missing) once the server is up; <c>ConnectionStrings__&lt;name&gt;</c> for its users.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(name, database.DatabaseName);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
