using System.Net.Sockets;
using System.Text;

namespace Hub.AppHost.LocalServers;

/// <summary>A redis-server child process on a loopback port, password required.</summary>
public sealed class RedisServer : LocalServer
{
    private RedisServer(ChildProcess process, int port, string password)
        : base(process, port, password, TimeSpan.FromSeconds(10), stopWithInterrupt: false)
    {
    }

    public override string ConnectionString => ConnectionStringFor(Port, Password);

    /// <summary>The connection string of a server on <paramref name="port"/>, for callers that hand it out before it runs.</summary>
    public static string ConnectionStringFor(int port, string password) => $"127.0.0.1:{port},password={password}";

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

        return await ReadyAsync(new RedisServer(process, port, password), cancellationToken);
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

    private protected override async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await PingAsync(cancellationToken))
        {
            if (HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not become ready on port {Port}; its output is above.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
