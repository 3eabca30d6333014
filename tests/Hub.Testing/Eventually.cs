using Xunit;

namespace Hub.Testing;

/// <summary>
/// Waits for state another process changes on its own schedule (a consumer group's batch, a server
/// coming up): reads until the condition holds, with a deadline. Where the code under test offers a
/// signal or a <see cref="TimeProvider"/>, wait on that instead.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/> (default 10 s).</exception>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
