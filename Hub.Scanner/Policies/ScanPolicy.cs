using Hub.Core.Policies;
using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Policies;

/// <summary>
/// A policy ready to run: the action of every scanned entity (OFF ones are absent), the score
/// threshold, the placeholder style, and the recognizers the policy itself brings (custom regexes).
/// </summary>
internal sealed class ScanPolicy(
    IReadOnlyDictionary<string, ScanAction> actions, double minScore, PlaceholderStyle placeholder, IReadOnlyList<IRecognizer> customRecognizers,
    IEnumerable<string> attacks, ImageRules images)
{
    /// <summary>Entity → action, for every entity that is scanned.</summary>
    /// <remarks>Plain dictionaries: a policy may be resolved per request, and freezing costs more than it saves here.</remarks>
    public IReadOnlyDictionary<string, ScanAction> Actions { get; } = actions;

    /// <summary>The entities to scan for (the keys of <see cref="Actions"/>).</summary>
    public IReadOnlySet<string> Enabled { get; } = new HashSet<string>(actions.Keys, StringComparer.Ordinal);

    /// <summary>What is scanned in a text the application wrote itself: the data types, not the attacks.</summary>
    public IReadOnlySet<string> EnabledForTrusted { get; } = new HashSet<string>(actions.Keys.Except(attacks, StringComparer.Ordinal), StringComparer.Ordinal);

    public double MinScore { get; } = minScore;

    public PlaceholderStyle Placeholder { get; } = placeholder;

    public IReadOnlyList<IRecognizer> CustomRecognizers { get; } = customRecognizers;

    /// <summary>What happens to the request's images.</summary>
    public ImageRules Images { get; } = images;
}
