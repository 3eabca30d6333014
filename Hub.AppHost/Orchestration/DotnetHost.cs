namespace Hub.AppHost.Orchestration;

/// <summary>
/// The <c>dotnet</c> executable that runs the services: the one running us (so the same runtimes are
/// found), else the one on PATH. Under <c>dotnet run</c> our own process is the native apphost, not
/// dotnet, hence the look at the runtime's folder (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>).
/// </summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && System.IO.Path.GetFileName(processPath) == fileName)
        {
            return processPath;
        }

        var runtimeDirectory = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtimeDirectory is null ? null : Directory.GetParent(runtimeDirectory)?.Parent?.Parent?.FullName;
        var besideRuntime = root is null ? null : System.IO.Path.Combine(root, fileName);
        return besideRuntime is not null && File.Exists(besideRuntime) ? besideRuntime : fileName;
    }
}
