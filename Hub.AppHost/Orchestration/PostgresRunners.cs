using System.Globalization;
using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Runs a <see cref="PostgresServerResource"/>: cluster in <c>&lt;data-dir&gt;/&lt;name&gt;</c>, initdb on the
/// first run only, fast shutdown (SIGINT) at the end so the next start needs no recovery.
/// </summary>
internal sealed class PostgresServerRunner(PostgresServerResource resource, RunContext context) : IResourceRunner
{
    private PostgresServer? server;

    public IResource Resource => resource;

    /// <summary>The running server, for its databases' runners.</summary>
    public PostgresServer Server => server ?? throw new InvalidOperationException($"'{resource.Name}' has not started.");

    private string DataDirectory => Path.Combine(context.DataDirectory, resource.Name);

    public void CheckPrerequisites()
    {
        ServerPrograms.Require("initdb", ServerPrograms.PostgresInstallHint);
        ServerPrograms.Require("postgres", ServerPrograms.PostgresInstallHint);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StopLeftoverPostmasterAsync(cancellationToken);
        var firstRun = !File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));
        context.Console.Info(firstRun
            ? $"{resource.Name}: creating a cluster in {DataDirectory} (first run)"
            : $"{resource.Name}: starting on port {resource.PrimaryEndpoint.Port}");
        server = await PostgresServer.StartAsync(
            DataDirectory, resource.PrimaryEndpoint.Port, resource.PasswordParameter.Value, context.Console.For(resource.Name), cancellationToken);
        context.Ledger.Record(resource.Name, server.ProcessId, UnixSignal.Interrupt);
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) => Server.WaitForExitAsync(cancellationToken);

    public async ValueTask StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            context.Ledger.Forget(resource.Name);
        }
    }

    /// <summary>
    /// A postmaster.pid naming a live postgres means one outlived a killed AppHost (we hold the folder's
    /// lock, so it is not another's); it covers the moments before the ledger records the process.
    /// </summary>
    private async Task StopLeftoverPostmasterAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile)
            && int.TryParse((await File.ReadAllLinesAsync(pidFile, cancellationToken)).FirstOrDefault(), CultureInfo.InvariantCulture, out var processId)
            && ChildProcessLedger.ProgramName(processId) == "postgres")
        {
            context.Console.Info($"{resource.Name}: stopping a postmaster (pid {processId}) left running on this cluster");
            await ChildProcessLedger.StopAsync(processId, UnixSignal.Interrupt, cancellationToken);
        }
    }
}

/// <summary>Runs a <see cref="PostgresDatabaseResource"/>: creates the database unless it exists; nothing to stop.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource resource, PostgresServerRunner server, RunContext context) : IResourceRunner
{
    public IResource Resource => resource;

    public void CheckPrerequisites()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.Server.EnsureDatabaseAsync(resource.DatabaseName, cancellationToken);
        context.Console.Info($"{resource.Name}: database '{resource.DatabaseName}' is ready");
    }

    /// <summary>A database has no process of its own; its server's exit is watched instead.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public ValueTask StopAsync() => ValueTask.CompletedTask;
}
