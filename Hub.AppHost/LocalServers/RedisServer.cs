using System.Net.Sockets;
using System.Text;

namespace Hub.AppHost.LocalServers;

/// <summary>A redis-server child process on a loopback port, password required.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess process;

    private RedisServer(ChildProcess process, int port, string password)
    {
        this.process = process;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>The connection string in the shape Aspire gives a Redis resource.</summary>
    public string ConnectionString => ConnectionStringFor(Port, Password);

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    /// <summary>The connection string of a server on <paramref name="port"/>, for callers that hand it out before it runs.</summary>
    public static string ConnectionStringFor(int port, string password) => $"127.0.0.1:{port},password={password}";

    /// <summary>Completes when redis-server ends, with its exit code; the AppHost treats an exit it did not ask for as a failure.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <param name="appendOnly">Keep data across restarts (the AppHost); tests pass false.</param>
    public static async Task<RedisServer> StartAsync(
        string dataDirectory, int port, string password, bool appendOnly, Action<string> output, CancellationToken cancellationToken)
    {
        var program = ServerPrograms.Require("redis-server", ServerPrograms.RedisInstallHint);
        Directory.CreateDirectory(dataDirectory);

        // The password goes in through stdin-free config on the command line; the process list shows it
        // only to this machine's users, who can read the data folder anyway.
        var process = ChildProcess.Start(program,
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--requirepass", password,
            "--dir", Path.GetFullPath(dataDirectory),
            "--appendonly", appendOnly ? "yes" : "no",
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "yes",
        ], output);

        var server = new RedisServer(process, port, password);
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

    /// <summary>Answers PING after AUTH: the same check Aspire's Redis health check makes.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            await using var stream = client.GetStream();
            var command = Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n");
            await stream.WriteAsync(command, cancellationToken);
            var buffer = new byte[64];
            var received = new StringBuilder();
            while (!received.ToString().Contains("PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (received.ToString().Contains("-ERR", StringComparison.Ordinal) || received.ToString().Contains("-LOADING", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.StopAsync(TimeSpan.FromSeconds(10));
        await process.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await PingAsync(cancellationToken))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not become ready on port {Port}; its output is above.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
