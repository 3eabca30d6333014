namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Something the AppHost runs or wires: a server, a database, a service, a parameter. The same
/// shape as Aspire's <c>IResource</c>: behaviour hangs off annotations, which the orchestrator reads.
/// </summary>
public interface IResource
{
    string Name { get; }

    IList<IResourceAnnotation> Annotations { get; }
}

/// <summary>Marker for the data attached to a resource by the builder methods (<c>WithReference</c>, <c>WaitFor</c>, ...).</summary>
public interface IResourceAnnotation;

/// <summary>A resource that receives environment variables: <c>WithEnvironment</c> and <c>WithReference</c> apply to it.</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource whose start can be held until others are healthy (<c>WaitFor</c>).</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource with network endpoints (<see cref="EndpointAnnotation"/>).</summary>
public interface IResourceWithEndpoints : IResource;

/// <summary>A resource other services find by name: <c>services__&lt;name&gt;__http__0</c>.</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;

/// <summary>A resource that lives inside another (a database inside its server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <inheritdoc cref="IResourceWithParent"/>
public interface IResourceWithParent<out T> : IResourceWithParent
    where T : IResource
{
    new T Parent { get; }
}

/// <summary>A value known only at run time (a port, a generated password), read when a child is started.</summary>
public interface IValueProvider
{
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A resource clients connect to with a connection string, handed over as
/// <c>ConnectionStrings__&lt;name&gt;</c> by <c>WithReference</c>.
/// </summary>
public interface IResourceWithConnectionString : IResource, IValueProvider
{
    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default);

    ValueTask<string?> IValueProvider.GetValueAsync(CancellationToken cancellationToken) => GetConnectionStringAsync(cancellationToken);
}

/// <summary>Base of every resource: a validated name and its annotations.</summary>
public abstract class Resource : IResource
{
    protected Resource(string name)
    {
        ResourceName.ThrowIfInvalid(name);
        Name = name;
    }

    public string Name { get; }

    public IList<IResourceAnnotation> Annotations { get; } = [];

    public override string ToString() => Name;
}
