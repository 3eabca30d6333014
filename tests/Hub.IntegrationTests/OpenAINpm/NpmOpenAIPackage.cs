using System.Diagnostics;
using System.Text.Json;

namespace Hub.IntegrationTests.OpenAINpm;

/// <summary>
/// The <c>openai</c> npm package, installed by the tests themselves (never committed) into
/// <c>artifacts/npm/</c>, once per version, and a way to run a script beside it with Node (with
/// <c>harness.mjs</c>, what the scripts share).
/// </summary>
internal static class NpmOpenAIPackage
{
    /// <summary>The newest release whose engines accept Node 20, the Node of our machines.</summary>
    public const string Version = "6.30.1";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>
    /// Runs <paramref name="script"/> (a path below the test binaries) against the fixture's gateway with
    /// <paramref name="apiKey"/> and the <paramref name="settings"/>, and parses the JSON it printed.
    /// </summary>
    public static async Task<JsonElement> RunAsync(
        GatewayFixture fixture, string script, string apiKey, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(settings) { ["HUB_BASE_URL"] = fixture.BaseUrl.ToString(), ["HUB_API_KEY"] = apiKey };
        var output = await RunScriptAsync(Path.Combine(AppContext.BaseDirectory, script), environment, cancellationToken);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    public static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var folder = await InstallAsync(cancellationToken);
        var target = Path.Combine(folder, Path.GetFileName(script));
        File.Copy(script, target, overwrite: true);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "OpenAINpm", "harness.mjs"), Path.Combine(folder, "harness.mjs"), overwrite: true);
        var (exitCode, output, errors) = await RunAsync("node", [target], folder, environment, cancellationToken);
        Assert.True(exitCode == 0, $"node {Path.GetFileName(script)} failed ({exitCode}): {errors}");
        return output;
    }

    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "npm", $"openai-{Version}");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")))
            {
                Directory.CreateDirectory(folder);
                var (exitCode, _, errors) = await RunAsync(
                    "npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", folder, $"openai@{Version}"], folder, new Dictionary<string, string>(), cancellationToken);
                Assert.True(exitCode == 0, $"npm install openai@{Version} failed ({exitCode}): {errors}");
            }

            return folder;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string program, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await errors);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Hub.sln not found above " + AppContext.BaseDirectory);
    }
}
