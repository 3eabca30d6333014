using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Start and stop order. A resource starts once everything it waits for (<c>WaitFor</c>, and a
/// database's server) is healthy; unrelated resources start at the same time. It stops only after
/// everything that uses it (waits for it, references it, lives in it) has stopped: services first,
/// then the servers.
/// </summary>
internal sealed class ResourceGraph
{
    private readonly IReadOnlyList<IResourceRunner> runners;
    private readonly Dictionary<IResource, IResourceRunner> runnerOf;
    private readonly ResourceConsole console;

    public ResourceGraph(IReadOnlyList<IResourceRunner> runners, ResourceConsole console)
    {
        this.runners = runners;
        this.console = console;
        runnerOf = runners.ToDictionary(r => r.Resource);
        ThrowIfCyclic();
    }

    /// <summary>
    /// Starts everything; returns when all are healthy. On the first failure the other starts are
    /// cancelled and that failure is thrown (not the cancellations it caused).
    /// </summary>
    public async Task StartAsync(Action<IResourceRunner> started, CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var healthy = runners.ToDictionary(r => r, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Exception? firstFailure = null;
        await Task.WhenAll(runners.Select(StartOneAsync));
        cancellationToken.ThrowIfCancellationRequested();
        if (firstFailure is not null)
        {
            ExceptionDispatchInfo.Throw(firstFailure);
        }

        async Task StartOneAsync(IResourceRunner runner)
        {
            try
            {
                var waits = StartDependencies(runner).ToList();
                if (waits.Count > 0)
                {
                    console.Info($"{runner.Resource.Name}: waiting for {string.Join(", ", waits.Select(w => w.Resource.Name))}");
                }

                foreach (var dependency in waits)
                {
                    await healthy[dependency].Task.WaitAsync(startup.Token);
                }

                var elapsed = Stopwatch.StartNew();
                await runner.StartAsync(startup.Token);
                console.Info($"{runner.Resource.Name}: healthy after {elapsed.Elapsed.TotalSeconds:0.0} s");
                started(runner);
                healthy[runner].SetResult();
            }
            catch (Exception ex)
            {
                // Recorded, not rethrown: Task.WhenAll would report whichever failed first in list order.
                if (ex is not OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                }

                healthy[runner].TrySetCanceled(startup.Token);
                await startup.CancelAsync();
            }
        }
    }

    /// <summary>Stops everything, each resource after its users. Never throws: every child must get its stop.</summary>
    public async Task StopAsync()
    {
        // Only touched by the synchronous part of StopAfterUsersAsync, before any await: one thread.
        var stopping = new Dictionary<IResourceRunner, Task>();
        await Task.WhenAll(runners.Select(StopAfterUsersAsync));

        Task StopAfterUsersAsync(IResourceRunner runner)
        {
            if (!stopping.TryGetValue(runner, out var task))
            {
                task = StopOneAsync(runner);
                stopping[runner] = task;
            }

            return task;
        }

        async Task StopOneAsync(IResourceRunner runner)
        {
            await Task.WhenAll(runners.Where(user => Uses(user).Contains(runner)).Select(StopAfterUsersAsync));
            try
            {
                await runner.StopAsync();
            }
            catch (Exception ex)
            {
                // Reported and passed over: the resources it uses must still be stopped.
                console.Error($"{runner.Resource.Name} did not stop cleanly: {ex.Message}");
            }
        }
    }

    private IEnumerable<IResourceRunner> StartDependencies(IResourceRunner runner) =>
        RunnersOf(runner.Resource.Annotations.OfType<WaitAnnotation>().Select(a => a.Resource).Concat(Parent(runner.Resource)));

    private IEnumerable<IResourceRunner> Uses(IResourceRunner runner) =>
        RunnersOf(runner.Resource.Annotations.OfType<ResourceRelationshipAnnotation>().Select(a => a.Resource)
            .Concat(runner.Resource.Annotations.OfType<WaitAnnotation>().Select(a => a.Resource))
            .Concat(Parent(runner.Resource)));

    private static IEnumerable<IResource> Parent(IResource resource) =>
        resource is IResourceWithParent child ? [child.Parent] : [];

    private IEnumerable<IResourceRunner> RunnersOf(IEnumerable<IResource> resources) =>
        resources.Distinct().Where(runnerOf.ContainsKey).Select(r => runnerOf[r]);

    /// <summary>A cycle would make both orders impossible; say which resources form it.</summary>
    private void ThrowIfCyclic()
    {
        var done = new HashSet<IResourceRunner>();
        var path = new List<IResourceRunner>();
        foreach (var runner in runners)
        {
            Visit(runner);
        }

        void Visit(IResourceRunner runner)
        {
            if (path.Contains(runner))
            {
                var cycle = path.SkipWhile(r => r != runner).Append(runner).Select(r => r.Resource.Name);
                throw new InvalidOperationException($"Resources depend on each other in a circle: {string.Join(" → ", cycle)}.");
            }

            if (done.Add(runner))
            {
                path.Add(runner);
                foreach (var used in Uses(runner))
                {
                    Visit(used);
                }

                path.RemoveAt(path.Count - 1);
            }
        }
    }
}
