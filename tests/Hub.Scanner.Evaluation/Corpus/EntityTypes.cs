using System.Collections.Frozen;
using Hub.Core.Entities;

namespace Hub.Scanner.Evaluation.Corpus;

/// <summary>The 27 built-in entity types in <see cref="EntityNames"/> order, and the quality target of each (issue #3).</summary>
internal static class EntityTypes
{
    /// <summary>
    /// Every built-in data type, in declaration order (the order of the report's rows). PROMPT_INJECTION is
    /// an attack, not data in this corpus; it gets its own evaluation with its detector (issue #5).
    /// </summary>
    public static readonly IReadOnlyList<string> All = [.. EntityNames.All.Where(name => name != EntityNames.PromptInjection)];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Found from names and places rather than from a format: the issue asks 0.85 of them, 0.95 of the rest.</summary>
    public static readonly FrozenSet<string> NamesAndPlaces = FrozenSet.Create(
        StringComparer.Ordinal, EntityNames.Person, EntityNames.Location, EntityNames.StreetAddress, EntityNames.Nrp);

    public static bool IsKnown(string entity) => Known.Contains(entity);

    public static double Target(string entity) => NamesAndPlaces.Contains(entity) ? 0.85 : 0.95;
}
