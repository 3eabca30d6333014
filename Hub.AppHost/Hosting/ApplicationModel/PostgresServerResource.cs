using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run from the machine's binaries (<see cref="PostgresServer"/>), with its cluster
/// in <c>&lt;data-dir&gt;/&lt;name&gt;</c>. Aspire runs a container instead; the connection string is the same.
/// </summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : Resource(name),
    IResourceWithConnectionString, IResourceWithWaitSupport, IResourceWithEndpoints
{
    public const string PrimaryEndpointName = "tcp";

    private readonly Dictionary<string, string> databases = new(StringComparer.Ordinal);

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => this.GetEndpoint(PrimaryEndpointName);

    /// <summary>Database resource name → database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => databases;

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(PostgresServer.ConnectionStringFor(PrimaryEndpoint.Port, PasswordParameter.Value));

    internal void AddDatabase(string resourceName, string databaseName) => databases.Add(resourceName, databaseName);
}

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created on first start; healthy once it exists.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent) : Resource(name),
    IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    IResource IResourceWithParent.Parent => Parent;

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(PostgresServer.DatabaseConnectionStringFor(Parent.PrimaryEndpoint.Port, Parent.PasswordParameter.Value, DatabaseName));
}
