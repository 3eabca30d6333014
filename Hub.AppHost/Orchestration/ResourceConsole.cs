namespace Hub.AppHost.Orchestration;

/// <summary>
/// One console for all children: each line is prefixed with its resource's name, padded so the
/// columns line up (<c>gateway  | ...</c>). Console.Out is synchronised, so lines never interleave.
/// </summary>
internal sealed class ResourceConsole(IEnumerable<string> resourceNames)
{
    public const string AppHostName = "apphost";

    private readonly int width = resourceNames.Append(AppHostName).Max(name => name.Length);

    public Action<string> For(string resourceName) => line => WriteLine(resourceName, line);

    public void WriteLine(string resourceName, string line) => Console.Out.WriteLine($"{resourceName.PadRight(width)} | {line}");

    /// <summary>The AppHost's own progress.</summary>
    public void Info(string message) => WriteLine(AppHostName, message);

    /// <summary>Why the AppHost failed: on stderr, where scripts look for it.</summary>
    public void Error(string message) => Console.Error.WriteLine($"{AppHostName.PadRight(width)} | error: {message}");
}
