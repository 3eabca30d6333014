using BenchmarkDotNet.Running;
using Hub.Benchmarks.Load;

namespace Hub.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Hub.Benchmarks -- --filter '*'</c> for BenchmarkDotNet;
/// <c>… -- load [seconds]</c> for the wrk load run.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadBenchmark.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
