using Hub.AppHost.Hosting;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// The life of the started application:
/// 1. start every resource in dependency order, watching each one that is up;
/// 2. tell the hooks everything is ready (the endpoints summary);
/// 3. wait for a stop signal, or for a child to exit on its own, which is a failure;
/// 4. tell the hooks, and stop everything, services before servers.
/// A failure anywhere (start-up included) goes straight to step 4 and makes the exit code 1.
/// </summary>
internal sealed class ApplicationRun(ResourceGraph graph, IReadOnlyList<IDistributedApplicationLifecycleHook> hooks, ResourceConsole console)
{
    private readonly Lock gate = new();
    private readonly List<Task> watchers = [];
    private string? failure;

    public async Task<int> RunAsync(CancellationToken stopRequested)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopRequested);
        try
        {
            foreach (var hook in hooks)
            {
                await hook.BeforeStartAsync(lifetime.Token);
            }

            // Step 1
            await graph.StartAsync(runner => Watch(runner, lifetime), lifetime.Token);

            // Step 2
            foreach (var hook in hooks)
            {
                await hook.AfterResourcesReadyAsync(lifetime.Token);
            }

            // Step 3
            await Task.Delay(Timeout.Infinite, lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // A stop was requested, or a failure was recorded and cancelled the lifetime.
        }
        catch (Exception ex)
        {
            // Whatever failed, step 4 must run, or the children started so far would outlive us.
            // Expected failures carry a message written for the user; anything else gets its stack.
            Fail(ex is InvalidOperationException or Npgsql.NpgsqlException ? ex.Message : ex.ToString(), lifetime);
        }

        // Step 4
        console.Info(failure is null ? "stopping" : "stopping everything after the failure");
        foreach (var hook in hooks)
        {
            try
            {
                await hook.BeforeStopAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Reported and passed over: stopping the children matters more than any hook.
                console.Error($"a shutdown hook failed: {ex.Message}");
            }
        }

        await graph.StopAsync();
        await Task.WhenAll(watchers);
        if (failure is not null)
        {
            console.Error(failure);
            return 1;
        }

        console.Info("stopped; data kept for the next run");
        return 0;
    }

    private void Watch(IResourceRunner runner, CancellationTokenSource lifetime)
    {
        lock (gate)
        {
            watchers.Add(WatchAsync(runner, lifetime));
        }
    }

    private async Task WatchAsync(IResourceRunner runner, CancellationTokenSource lifetime)
    {
        try
        {
            var exitCode = await runner.WaitForExitAsync(lifetime.Token);
            Fail($"{runner.Resource.Name} exited on its own (exit code {exitCode}); its output is above.", lifetime);
        }
        catch (OperationCanceledException)
        {
            // Stopping: from here on, exits are the ones we asked for.
        }
    }

    /// <summary>Records the first failure and starts the shutdown; ignored once a stop is under way.</summary>
    private void Fail(string message, CancellationTokenSource lifetime)
    {
        lock (gate)
        {
            if (failure is not null || lifetime.IsCancellationRequested)
            {
                return;
            }

            failure = message;
        }

        lifetime.Cancel();
    }
}
