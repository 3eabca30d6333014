using System.Globalization;
using Hub.Core.Entities;
using Hub.Scanner.Evaluation.Corpus;

namespace Hub.Scanner.Evaluation;

/// <summary>The command line: <c>[--min-score X] [--errors ENTITY [--limit N]] [--markdown] [--dump FILE] [--injection]</c>.</summary>
internal sealed record EvaluationOptions(double? MinScore, string? ErrorsEntity, int Limit, bool Markdown, string? DumpPath, bool InjectionOnly = false, string? Explain = null, bool TrainInjection = false)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/Hub.Scanner.Evaluation -- [options]
          --min-score X     score threshold of the policy (default: the engine's, 0.5)
          --errors ENTITY   list the false negatives and false positives of one entity type, in context
          --limit N         how many of each --errors lists (default 60)
          --markdown        print the tables as Markdown, for docs
          --dump FILE       also write every example (generated and hard) as JSON lines with text and spans
          --train-injection retrain the PROMPT_INJECTION classifier on the development sets and write it into Hub.Scanner
          --explain TEXT    print the PROMPT_INJECTION evidence found in TEXT
          --injection       only the PROMPT_INJECTION measurement (--errors PROMPT_INJECTION lists its misses and false alarms)
        """;

    /// <summary>The options, or null (after writing why to <paramref name="error"/>) when the arguments are wrong.</summary>
    public static EvaluationOptions? Parse(string[] args, TextWriter error)
    {
        var options = new EvaluationOptions(null, null, 60, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--min-score" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1:
                    options = options with { MinScore = score };
                    i++;
                    break;
                case "--errors" when value is not null && (EntityTypes.IsKnown(value.ToUpperInvariant()) || value.Equals(EntityNames.PromptInjection, StringComparison.OrdinalIgnoreCase)):
                    options = options with { ErrorsEntity = value.ToUpperInvariant() };
                    i++;
                    break;
                case "--limit" when int.TryParse(value, CultureInfo.InvariantCulture, out var limit) && limit > 0:
                    options = options with { Limit = limit };
                    i++;
                    break;
                case "--dump" when value is not null:
                    options = options with { DumpPath = value };
                    i++;
                    break;
                case "--explain" when value is not null:
                    options = options with { Explain = value };
                    i++;
                    break;
                case "--train-injection":
                    options = options with { TrainInjection = true };
                    break;
                case "--injection":
                    options = options with { InjectionOnly = true };
                    break;
                case "--markdown":
                    options = options with { Markdown = true };
                    break;
                default:
                    error.WriteLine(args[i] is "--help" or "-h" ? Usage : $"Cannot use '{args[i]}' here (entity types: {string.Join(", ", EntityTypes.All)}).\n\n{Usage}");
                    return null;
            }
        }

        return options;
    }
}
