namespace Hub.Gateway.Tests;

public sealed class SingleFlightTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentMisses_ShareOneLoad_ThenTheNextMissLoadsAgain()
    {
        var flights = new SingleFlight<string, int>();
        var release = new TaskCompletionSource();
        var loads = 0;
        async Task<int> LoadAsync(string key)
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return 42;
        }

        var waiting = Enumerable.Range(0, 50).Select(_ => flights.RunAsync("k", LoadAsync, Cancel)).ToList();
        release.SetResult();
        var values = await Task.WhenAll(waiting);
        var later = await flights.RunAsync("k", LoadAsync, Cancel);

        Assert.All(values, value => Assert.Equal(42, value));
        Assert.Equal(42, later);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task FailedLoad_ReachesEveryWaiter_AndIsNotRemembered()
    {
        var flights = new SingleFlight<string, int>();
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => flights.RunAsync("k", _ => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException<int>(new TimeoutException())
            : Task.FromResult(7), Cancel));
        var retried = await flights.RunAsync("k", _ => Task.FromResult(7), Cancel);

        Assert.Equal(7, retried);
    }

    [Fact]
    public async Task CallerCancelled_StopsWaiting_LoadCarriesOnForOthers()
    {
        var flights = new SingleFlight<string, int>();
        var release = new TaskCompletionSource<int>();
        using var leaving = new CancellationTokenSource();

        var left = flights.RunAsync("k", _ => release.Task, leaving.Token);
        var staying = flights.RunAsync("k", _ => Task.FromResult(-1), Cancel);
        await leaving.CancelAsync();
        release.SetResult(5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        Assert.Equal(5, await staying);
    }
}
