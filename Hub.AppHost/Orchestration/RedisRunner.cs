using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>Runs a <see cref="RedisResource"/>: data in <c>&lt;data-dir&gt;/&lt;name&gt;</c>, append-only file on, so budgets and holds survive restarts.</summary>
internal sealed class RedisRunner(RedisResource resource, RunContext context) : IResourceRunner
{
    private RedisServer? server;

    public IResource Resource => resource;

    public void CheckPrerequisites() => ServerPrograms.Require("redis-server", ServerPrograms.RedisInstallHint);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        context.Console.Info($"{resource.Name}: starting redis-server on port {resource.PrimaryEndpoint.Port}");
        server = await RedisServer.StartAsync(
            Path.Combine(context.DataDirectory, resource.Name),
            resource.PrimaryEndpoint.Port,
            resource.PasswordParameter.Value,
            appendOnly: true,
            context.Console.For(resource.Name),
            cancellationToken);
        context.Ledger.Record(resource.Name, server.ProcessId, UnixSignal.Terminate);
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken) =>
        (server ?? throw new InvalidOperationException($"'{resource.Name}' has not started.")).WaitForExitAsync(cancellationToken);

    public async ValueTask StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            context.Ledger.Forget(resource.Name);
        }
    }
}
