namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>The annotated resource starts only once <see cref="Resource"/> is healthy (<c>WaitFor</c>).</summary>
public sealed class WaitAnnotation(IResource resource) : IResourceAnnotation
{
    public IResource Resource { get; } = resource;
}

/// <summary>
/// The annotated resource uses <see cref="Resource"/> (<c>WithReference</c>): at shutdown it is stopped
/// first, so services never outlive the servers they talk to.
/// </summary>
public sealed class ResourceRelationshipAnnotation(IResource resource, string type) : IResourceAnnotation
{
    public const string ReferenceType = "Reference";

    public IResource Resource { get; } = resource;

    public string Type { get; } = type;
}
