using BenchmarkDotNet.Running;

namespace Hub.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/Hub.Benchmarks -- --filter '*'</c></summary>
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
