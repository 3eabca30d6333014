using System.Diagnostics;
using System.Text.Json;
using Hub.AppHost.Hosting;
using Hub.AppHost.Orchestration;
using Hub.AppHost.Summary;

namespace Hub.AppHost.Secrets;

/// <summary>
/// <c>./hub.sh rotate-master-key</c> (<c>dotnet run --no-build --project Hub.AppHost -- rotate-master-key</c>):
/// rotates the development master key of a running AppHost (docs/byok.md).
/// 1. check an AppHost is running on the data folder and has published endpoints.json;
/// 2. retire <c>master.key</c> as <c>master-retired-&lt;id&gt;.key</c> and write a new one;
/// 3. run Hub.Admin's <c>rotate-master-key</c> on the AppHost's database with the new key and every retired one;
/// 4. ask for a restart, so the services hold the new key.
/// Exit code: Hub.Admin's (0 when every data key is under the new key), 1 when the AppHost is not running, 2 for bad arguments.
/// </summary>
internal static class MasterKeyRotationCommand
{
    public const string Name = "rotate-master-key";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    /// <param name="args">What follows the command's name: <c>--data-dir</c> only.</param>
    public static async Task<int> RunAsync(string[] args, IProjectMetadata admin)
    {
        var arguments = AppHostArguments.Parse(args, RepositoryRoot.DefaultDataDirectory);
        if (arguments.HelpRequested || arguments.Error is not null)
        {
            await Console.Error.WriteLineAsync($"{arguments.Error}{Environment.NewLine}Usage: ./hub.sh {Name} [--data-dir <path>]");
            return arguments.HelpRequested ? 0 : 2;
        }

        // Step 1
        var dataDirectory = arguments.DataDirectory;
        if (ReadDatabase(dataDirectory) is not { } database)
        {
            await Console.Error.WriteLineAsync($"Hub.AppHost is not running on {dataDirectory}: start it (./hub.sh run), wait for \"Hub is running\", then run {Name} again.");
            return 1;
        }

        // Step 2
        var masterKey = new DevelopmentMasterKey(dataDirectory);
        var (retiredId, newId) = masterKey.Replace();
        Console.WriteLine($"master key {retiredId} retired; the new one is {newId} ({masterKey.Path}).");

        // Step 3
        var exitCode = await RunAdminAsync(admin, database, masterKey);

        // Step 4
        Console.WriteLine($"""

            Restart Hub (Ctrl-C the running ./hub.sh run, then ./hub.sh run) so the services hold the new key: until then
            they hold only the retired one, and a data key they have not cached does not open.
            Keep the master-retired-*.key files: the AppHost gives them to the services, and a data key made before the
            restart is still wrapped by the retired key.
            """);
        return exitCode;
    }

    /// <summary>The hubdb connection string of the AppHost that holds the data folder's lock; null when none does.</summary>
    private static string? ReadDatabase(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return null;
        }

        using (var unused = DataDirectoryLock.TryAcquire(dataDirectory))
        {
            if (unused is not null)
            {
                return null;
            }
        }

        var endpointsPath = Path.Combine(dataDirectory, EndpointsSummary.FileName);
        if (!File.Exists(endpointsPath))
        {
            return null;
        }

        var endpoints = JsonSerializer.Deserialize(File.ReadAllBytes(endpointsPath), EndpointsJsonContext.Default.DevelopmentEndpoints);
        return endpoints?.Database is { Length: > 0 } database ? database : null;
    }

    /// <summary>Hub.Admin's command, given key files by path as the AppHost gives them to the services; its output goes to ours.</summary>
    private static async Task<int> RunAdminAsync(IProjectMetadata admin, string database, DevelopmentMasterKey masterKey)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(admin.ProjectPath),
        };
        start.ArgumentList.Add(admin.TargetPath);
        start.ArgumentList.Add(Name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        // Its result is printed; its Information log line would only repeat it.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ConnectionStrings__hubdb"] = database;
        start.Environment["Hub__Secrets__MasterKey"] = masterKey.Path;
        var retired = masterKey.RetiredPaths();
        for (var i = 0; i < retired.Count; i++)
        {
            start.Environment[$"Hub__Secrets__RetiredMasterKeys__{i}"] = retired[i];
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {admin.TargetPath}.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
