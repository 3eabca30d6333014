using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Runs one resource of the model: what Aspire's DCP does for an executable or container. The
/// orchestrator calls <see cref="CheckPrerequisites"/> for every resource before it starts any, then
/// <see cref="StartAsync"/> once the resources it waits for are healthy, and <see cref="StopAsync"/>
/// once the resources that use it have stopped.
/// </summary>
internal interface IResourceRunner
{
    IResource Resource { get; }

    /// <summary>Throws <see cref="LocalServers.MissingServerProgramException"/> or <see cref="PrerequisiteException"/> if it cannot run here.</summary>
    void CheckPrerequisites();

    /// <summary>Starts the resource and returns once it is healthy.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Completes with the exit code when the process ends; never completes for resources without one.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Stops whatever was started (nothing, if nothing was); data stays.</summary>
    ValueTask StopAsync();
}

/// <summary>What every runner of one run shares.</summary>
internal sealed record RunContext(string DataDirectory, ResourceConsole Console, ChildProcessLedger Ledger);

/// <summary>The resource cannot run on this machine as it is; the message says what to do.</summary>
internal sealed class PrerequisiteException(string message) : Exception(message);
