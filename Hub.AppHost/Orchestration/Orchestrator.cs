using Hub.AppHost.Hosting;
using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// What Aspire's DCP does for us, on this machine and without containers:
/// 1. take the data folder's lock, so one AppHost owns it;
/// 2. check every server program and service build exists, before anything starts;
/// 3. stop children a killed AppHost left behind;
/// 4. load or generate parameters (secrets.json), allocate ports;
/// 5. run the application (<see cref="ApplicationRun"/>) until Ctrl-C or SIGTERM.
/// </summary>
internal sealed class Orchestrator(string dataDirectory, IReadOnlyList<IResource> resources, IReadOnlyList<IDistributedApplicationLifecycleHook> hooks)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var console = new ResourceConsole(resources.Where(r => r is not ParameterResource).Select(r => r.Name));
        using var signals = new ShutdownSignals(cancellationToken);

        // Step 1. Owner-only when we create it: it holds the servers' data. (As root, PostgresServer adds
        // the traverse bit the postgres user needs.)
        Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var dataLock = DataDirectoryLock.TryAcquire(dataDirectory);
        if (dataLock is null)
        {
            console.Error($"another Hub.AppHost is using {dataDirectory}. Stop it first, or pass --data-dir <another folder>.");
            return 1;
        }

        console.Info($"Hub.AppHost (pid {Environment.ProcessId}), data in {dataDirectory}");
        var context = new RunContext(dataDirectory, console, new ChildProcessLedger(dataDirectory));
        var runners = RunnerFactory.Create(resources, context);
        var graph = new ResourceGraph(runners, console);

        // Step 2
        if (!CheckPrerequisites(runners, console))
        {
            return 1;
        }

        try
        {
            // Step 3
            await context.Ledger.StopLeftoversAsync(console, signals.Token);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            return 0;
        }

        // Step 4
        SecretsFile.Resolve(dataDirectory, resources.OfType<ParameterResource>());
        EndpointAllocator.Allocate(resources);

        // Step 5
        return await new ApplicationRun(graph, hooks, console).RunAsync(signals.Token);
    }

    /// <summary>Reports every missing piece at once (both servers may be missing), with how to get it.</summary>
    private static bool CheckPrerequisites(IEnumerable<IResourceRunner> runners, ResourceConsole console)
    {
        var problems = new List<string>();
        foreach (var runner in runners)
        {
            try
            {
                runner.CheckPrerequisites();
            }
            catch (Exception ex) when (ex is MissingServerProgramException or PrerequisiteException)
            {
                problems.Add(ex.Message);
            }
        }

        foreach (var problem in problems.Distinct())
        {
            console.Error(problem);
        }

        return problems.Count == 0;
    }
}
