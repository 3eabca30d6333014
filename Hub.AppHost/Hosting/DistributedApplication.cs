using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.Orchestration;

namespace Hub.AppHost.Hosting;

/// <summary>
/// The built application: <see cref="Run"/> starts every resource in dependency order, waits for
/// Ctrl-C or SIGTERM, and stops them in reverse. The process exit code is 0 after a requested stop,
/// 1 when something failed (a missing server program, a child that died), 2 for bad arguments.
/// </summary>
public sealed class DistributedApplication
{
    private readonly AppHostArguments arguments;
    private readonly IReadOnlyList<IDistributedApplicationLifecycleHook> hooks;

    internal DistributedApplication(
        AppHostArguments arguments, string dataDirectory, IReadOnlyList<IResource> resources, IReadOnlyList<IDistributedApplicationLifecycleHook> hooks)
    {
        this.arguments = arguments;
        this.hooks = hooks;
        DataDirectory = dataDirectory;
        Resources = resources;
    }

    public string DataDirectory { get; }

    public IReadOnlyList<IResource> Resources { get; }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new DistributedApplicationBuilder(AppHostArguments.Parse(args, RepositoryRoot.DefaultDataDirectory), RepositoryRoot.AppHostDirectory);
    }

    /// <summary>Runs until stopped. Blocking on the task is safe: this is the whole of Main, as in Aspire.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (arguments.HelpRequested)
        {
            Console.WriteLine(AppHostArguments.Usage);
            return;
        }

        if (arguments.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"{error}{Environment.NewLine}{Environment.NewLine}{AppHostArguments.Usage}");
            Environment.ExitCode = 2;
            return;
        }

        var orchestrator = new Orchestrator(DataDirectory, Resources, hooks);
        Environment.ExitCode = await orchestrator.RunAsync(cancellationToken);
    }
}
