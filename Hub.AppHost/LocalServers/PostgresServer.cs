using Npgsql;

namespace Hub.AppHost.LocalServers;

/// <summary>
/// A PostgreSQL server run from the machine's own binaries, in a data folder we own, on a loopback
/// port. <c>initdb</c> and <c>postgres</c> refuse to run as root, so as root both run as the
/// <c>postgres</c> user through <c>setpriv</c>, which execs (no extra process between us and the
/// postmaster, so our signals reach it).
/// </summary>
public sealed class PostgresServer : LocalServer
{
    public const string SuperUser = "postgres";

    /// <summary>SIGINT is PostgreSQL's fast shutdown: active sessions are rolled back, data is flushed and kept.</summary>
    private PostgresServer(ChildProcess process, int port, string password)
        : base(process, port, password, TimeSpan.FromSeconds(20), stopWithInterrupt: true)
    {
    }

    /// <summary>The server-level connection string, in the shape Aspire gives a Postgres resource.</summary>
    public override string ConnectionString => ConnectionStringFor(Port, Password);

    /// <summary>
    /// The connection string of a server on <paramref name="port"/>, for callers that hand it out before
    /// the server runs (the AppHost allocates ports first, as Aspire does).
    /// </summary>
    public static string ConnectionStringFor(int port, string password) =>
        $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password}";

    /// <summary>Aspire's database connection string: the server's plus <c>Database=</c>.</summary>
    public static string DatabaseConnectionStringFor(int port, string password, string database) =>
        $"{ConnectionStringFor(port, password)};Database={database}";

    public string DatabaseConnectionString(string database) => DatabaseConnectionStringFor(Port, Password, database);

    public static async Task<PostgresServer> StartAsync(
        string dataDirectory, int port, string password, Action<string> output, CancellationToken cancellationToken)
    {
        var initdb = ServerPrograms.Require("initdb", ServerPrograms.PostgresInstallHint);
        var postgres = ServerPrograms.Require("postgres", ServerPrograms.PostgresInstallHint);
        Directory.CreateDirectory(dataDirectory);
        var runAs = RunAs.ForPostgres(dataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(initdb, dataDirectory, password, runAs, output, cancellationToken);
        }

        var process = ChildProcess.Start(runAs.Program(postgres), runAs.Arguments(postgres,
        [
            "-D", dataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", dataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=on",
        ]), output);

        return await ReadyAsync(new PostgresServer(process, port, password), cancellationToken);
    }

    /// <summary>Creates the database unless it exists (CREATE DATABASE has no IF NOT EXISTS).</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"{ConnectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new() { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled idle connections would only delay the shutdown.
        NpgsqlConnection.ClearAllPools();
        return base.DisposeAsync();
    }

    private static async Task InitializeAsync(
        string initdb, string dataDirectory, string password, RunAs runAs, Action<string> output, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(dataDirectory, "..", $".pwfile-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        runAs.GrantFile(passwordFile);
        try
        {
            var init = ChildProcess.Start(runAs.Program(initdb), runAs.Arguments(initdb,
            [
                "-D", dataDirectory,
                "-U", SuperUser,
                "--auth=scram-sha-256",
                $"--pwfile={passwordFile}",
                "-E", "UTF8",
                "--locale=C",
                "--no-instructions",
            ]), output);
            await init.WaitForExitAsync(cancellationToken);
            if (!init.HasExited || init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed for '{dataDirectory}'; its output is above.");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private protected override async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                throw new InvalidOperationException($"postgres exited during start-up on port {Port}; its output is above.");
            }

            try
            {
                await using var connection = new NpgsqlConnection($"{ConnectionString};Database=postgres;Pooling=false;Timeout=2");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                // Retrying cannot help: the cluster was initialised with another password (its secret was lost).
                throw new InvalidOperationException(
                    $"The PostgreSQL cluster on port {Port} rejects the password it was given: the data folder was "
                    + "initialised with another one. Restore the saved password, or delete the cluster folder to start over.", ex);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                // Still starting (connection refused, or "the database system is starting up").
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
