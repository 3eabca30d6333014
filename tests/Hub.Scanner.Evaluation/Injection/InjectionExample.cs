using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Scanner.Evaluation.Injection;

/// <summary>A labelled text for the injection measurement: attack or benign, and the group it is reported under (source or family).</summary>
internal sealed record InjectionExample(string Text, bool IsAttack, string Group);

/// <summary>A line of <c>train.jsonl</c> or <c>injection-hard-cases.jsonl</c>.</summary>
internal sealed record InjectionLine(string Text, string Label, string? Source, string? Family);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(InjectionLine))]
internal sealed partial class InjectionJsonContext : JsonSerializerContext;

/// <summary>
/// The labelled sets: <c>../shared/data/injection/train.jsonl</c> (public research sets) split once and for all
/// by a hash of each text into a training part and a held-out part (one in five) that nothing is tuned on,
/// and our own hard cases (<c>Data/injection-hard-cases.jsonl</c>: every attack family and the benign
/// look-alikes). The file in <c>../shared</c> is read in place, never copied into the repository.
/// </summary>
internal static class InjectionSets
{
    public const string HardCasesFileName = "injection-hard-cases.jsonl";

    public static string HardCasesPath => Path.Combine(AppContext.BaseDirectory, "Data", HardCasesFileName);

    /// <summary><c>shared/data/injection/train.jsonl</c> beside the repository, found upwards from here and from the binaries.</summary>
    public static string? FindTrainingFile()
    {
        foreach (var origin in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(origin); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "shared", "data", "injection", "train.jsonl");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static List<InjectionExample> Load(string path, bool groupBySource) =>
        [.. File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).Select((line, index) =>
        {
            var parsed = JsonSerializer.Deserialize(line, InjectionJsonContext.Default.InjectionLine)
                ?? throw new InvalidDataException($"{path}:{index + 1}: empty line object");
            if (parsed.Label is not ("injection" or "benign"))
            {
                throw new InvalidDataException($"{path}:{index + 1}: label must be injection or benign, not '{parsed.Label}'");
            }

            return new InjectionExample(parsed.Text, parsed.Label == "injection", (groupBySource ? parsed.Source : parsed.Family) ?? "unknown");
        })];

    /// <summary>One text in five, chosen by its SHA-256 (stable across runs and machines), is held out.</summary>
    public static bool IsHeldOut(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[0] % 5 == 0;
}
