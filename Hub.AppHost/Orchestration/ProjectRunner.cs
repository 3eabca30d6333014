using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Runs a <see cref="ProjectResource"/> as <c>dotnet &lt;TargetPath&gt;</c> from its project folder, so its
/// appsettings*.json are found as under <c>dotnet run</c>. Built dlls rather than <c>dotnet run</c>: three
/// concurrent builds would contend on the projects they share (Hub.Core, Hub.ServiceDefaults).
/// </summary>
internal sealed class ProjectRunner(ProjectResource resource, RunContext context) : IResourceRunner
{
    /// <summary>Start-up includes Admin's migrations; generous, because a slow first run is not a failure.</summary>
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(2);

    /// <summary>ASP.NET Core's own shutdown timeout is 30 s; a service that needs more is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private ChildProcess? process;

    public IResource Resource => resource;

    public void CheckPrerequisites()
    {
        var metadata = resource.Metadata;
        if (!File.Exists(metadata.TargetPath))
        {
            throw new PrerequisiteException(
                $"{resource.Name}: {metadata.TargetPath} does not exist. Build it: dotnet build Hub.AppHost");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var metadata = resource.Metadata;
        var environment = await ProjectEnvironment.BuildAsync(resource, cancellationToken);
        context.Console.Info($"{resource.Name}: starting {Path.GetFileName(metadata.TargetPath)} on {resource.HttpEndpoint.Url}");
        process = ChildProcess.Start(
            DotnetHost.Path, [metadata.TargetPath], context.Console.For(resource.Name), environment, Path.GetDirectoryName(metadata.ProjectPath));
        context.Ledger.Record(resource.Name, process.Id, UnixSignal.Terminate);
        var health = new Uri(resource.HttpEndpoint.Url + ProjectResource.HealthPath);
        await HealthProbe.WaitUntilHealthyAsync(resource.Name, health, process, HealthTimeout, cancellationToken);
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        var running = process ?? throw new InvalidOperationException($"'{resource.Name}' has not started.");
        await running.WaitForExitAsync(cancellationToken);
        return running.ExitCode;
    }

    public async ValueTask StopAsync()
    {
        if (process is not null)
        {
            await process.StopAsync(StopGrace);
            await process.DisposeAsync();
            context.Ledger.Forget(resource.Name);
        }
    }
}
