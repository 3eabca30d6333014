using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A redis-server run from the machine's binary (<see cref="RedisServer"/>), append-only file on, data in
/// <c>&lt;data-dir&gt;/&lt;name&gt;</c>. Healthy once it answers PING after AUTH.
/// </summary>
public sealed class RedisResource(string name, ParameterResource password) : Resource(name),
    IResourceWithConnectionString, IResourceWithWaitSupport, IResourceWithEndpoints
{
    public const string PrimaryEndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => this.GetEndpoint(PrimaryEndpointName);

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(RedisServer.ConnectionStringFor(PrimaryEndpoint.Port, PasswordParameter.Value));
}
