namespace Hub.AppHost.LocalServers;

/// <summary>
/// A server program (PostgreSQL, Redis) we run as a child process on a loopback port with a password:
/// what both have in common, from start-up wait to polite stop.
/// </summary>
public abstract class LocalServer : IAsyncDisposable
{
    private readonly TimeSpan stopGrace;
    private readonly bool stopWithInterrupt;

    private protected LocalServer(ChildProcess process, int port, string password, TimeSpan stopGrace, bool stopWithInterrupt)
    {
        Process = process;
        Port = port;
        Password = password;
        this.stopGrace = stopGrace;
        this.stopWithInterrupt = stopWithInterrupt;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>The connection string in the shape Aspire gives this kind of resource.</summary>
    public abstract string ConnectionString { get; }

    public bool HasExited => Process.HasExited;

    public int ProcessId => Process.Id;

    private protected ChildProcess Process { get; }

    /// <summary>Completes when the server ends, with its exit code; the AppHost treats an exit it did not ask for as a failure.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await Process.WaitForExitAsync(cancellationToken);
        return Process.ExitCode;
    }

    /// <summary>Stops the server the way it prefers (its signal, then SIGKILL after the grace period); data is kept.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        await Process.StopAsync(stopGrace, stopWithInterrupt);
        await Process.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private protected abstract Task WaitUntilReadyAsync(CancellationToken cancellationToken);

    /// <summary>Returns the server once it answers; stops it if it never does.</summary>
    private protected static async Task<T> ReadyAsync<T>(T server, CancellationToken cancellationToken) where T : LocalServer
    {
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
