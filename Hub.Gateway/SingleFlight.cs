using System.Collections.Concurrent;

namespace Hub.Gateway;

/// <summary>
/// Runs one load per key at a time: callers that miss a cache together share the first one's load
/// instead of each querying Postgres. A burst of requests for a new key, project or organization then
/// costs one query per gateway, not one per request (hundreds at once would exhaust the connections).
/// The shared load ignores each caller's cancellation (one client leaving must not fail the others);
/// a caller still stops waiting when its own request is cancelled.
/// </summary>
internal sealed class SingleFlight<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<TValue>> inFlight = new();

    public Task<TValue> RunAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (inFlight.TryGetValue(key, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }

            var flight = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (inFlight.TryAdd(key, flight.Task))
            {
                _ = LandAsync(key, flight, load);
                return flight.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Runs the load and ends the flight, so that the next miss loads afresh.</summary>
    private async Task LandAsync(TKey key, TaskCompletionSource<TValue> flight, Func<TKey, Task<TValue>> load)
    {
        try
        {
            var value = await load(key);
            inFlight.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, flight.Task));
            flight.SetResult(value);
        }
        catch (Exception ex)
        {
            inFlight.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, flight.Task));
            flight.SetException(ex);
        }
    }
}
