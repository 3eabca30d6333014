namespace Hub.AppHost.Hosting;

/// <summary>
/// The command line. Unknown arguments are an error rather than ignored (as Aspire ignores them):
/// <c>--publisher manifest</c> from azd must not start servers by mistake.
/// </summary>
internal sealed record AppHostArguments(string DataDirectory, bool HelpRequested, string? Error)
{
    public const string Usage = """
        Usage: dotnet run --project Hub.AppHost [-- options]
               dotnet run --no-build --project Hub.AppHost -- rotate-master-key [--data-dir <path>]

        Starts PostgreSQL, Redis, Hub.Scanner, Hub.Admin and Hub.Gateway on this machine.
        rotate-master-key gives the running AppHost a new development master key (docs/byok.md).

        Options:
          --data-dir <path>   Where servers keep data and the AppHost its secrets (default: .hub/ at the repository root).
          -h, --help          Show this help.

        Settings for the services are environment variables given to the AppHost, e.g.
          Providers__openai__ApiKey=sk-... dotnet run --project Hub.AppHost
        """;

    public static AppHostArguments Parse(IReadOnlyList<string> args, Func<string> defaultDataDirectory)
    {
        string? dataDirectory = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    return new AppHostArguments("", HelpRequested: true, Error: null);
                case "--data-dir" when i + 1 < args.Count:
                    dataDirectory = args[++i];
                    break;
                case var arg when arg.StartsWith("--data-dir=", StringComparison.Ordinal):
                    dataDirectory = arg["--data-dir=".Length..];
                    break;
                default:
                    return new AppHostArguments("", HelpRequested: false, Error: $"Unknown or incomplete argument '{args[i]}'.");
            }
        }

        return string.IsNullOrWhiteSpace(dataDirectory)
            ? new AppHostArguments(defaultDataDirectory(), false, null)
            : new AppHostArguments(Path.GetFullPath(dataDirectory), false, null);
    }
}
