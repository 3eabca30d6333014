namespace Hub.AppHost.Hosting;

/// <summary>
/// Code that runs at the edges of the application's life, in the shape of Aspire's hook; it has more
/// stages (after endpoints are allocated, after resources are created), ours has those Hub needs.
/// </summary>
public interface IDistributedApplicationLifecycleHook
{
    /// <summary>Ports and parameters are known; nothing has started.</summary>
    Task BeforeStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every resource has started and is healthy.</summary>
    Task AfterResourcesReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Shutdown has begun; resources are still running. Also called after a failed start.</summary>
    Task BeforeStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
