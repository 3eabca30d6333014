using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Hosting;

/// <summary>The resource graph Program.cs builds: the subset of Aspire's builder that Hub uses.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's source folder.</summary>
    string AppHostDirectory { get; }

    /// <summary>
    /// Hub's addition: where local servers keep their data and the AppHost its secrets and
    /// endpoints.json (Aspire's containers use volumes instead). <c>--data-dir</c>, else <c>.hub/</c>
    /// at the repository root.
    /// </summary>
    string DataDirectory { get; }

    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Adds a resource; names are unique, case-insensitively, as in Aspire.</summary>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>A builder for a resource that is already in the model (or a child not listed on its own).</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    /// <summary>Aspire registers hooks in its service collection; we have no container, so they go here.</summary>
    void AddLifecycleHook(IDistributedApplicationLifecycleHook hook);

    DistributedApplication Build();
}

internal sealed class DistributedApplicationBuilder(AppHostArguments arguments, string appHostDirectory) : IDistributedApplicationBuilder
{
    private readonly List<IResource> resources = [];
    private readonly List<IDistributedApplicationLifecycleHook> hooks = [];

    public string AppHostDirectory { get; } = appHostDirectory;

    public string DataDirectory { get; } = arguments.DataDirectory;

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resources.FirstOrDefault(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            throw new InvalidOperationException(
                $"Cannot add resource of type '{typeof(T).Name}' named '{resource.Name}': a '{existing.GetType().Name}' of that name exists.");
        }

        resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource => new ResourceBuilder<T>(this, resource);

    public void AddLifecycleHook(IDistributedApplicationLifecycleHook hook) => hooks.Add(hook);

    public DistributedApplication Build() => new(arguments, DataDirectory, [.. resources], [.. hooks]);
}
