using System.Reflection;

namespace Hub.AppHost.Hosting;

/// <summary>
/// Finds the folder holding Hub.sln: up from the current directory first (a second checkout keeps its
/// own data), then up from the AppHost's source folder (running from anywhere else).
/// </summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "Hub.sln";

    /// <summary>The source folder recorded at build time (the same metadata key Aspire uses).</summary>
    public static string AppHostDirectory { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "apphostprojectpath")?.Value
        ?? AppContext.BaseDirectory;

    public static string? Find() => FindUpwards(Environment.CurrentDirectory) ?? FindUpwards(AppHostDirectory);

    /// <summary>Default data folder: <c>.hub/</c> at the repository root, else in the current directory.</summary>
    public static string DefaultDataDirectory() => Path.Combine(Find() ?? Environment.CurrentDirectory, ".hub");

    private static string? FindUpwards(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
