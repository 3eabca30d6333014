using System.Collections.Frozen;
using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Engine;

/// <summary>
/// Every entity type the registered recognizers can report, by name, with its description and
/// context words (merged when several recognizers report the same type). Built once at start-up.
/// </summary>
internal sealed class EntityCatalog
{
    public EntityCatalog(IEnumerable<IRecognizer> recognizers)
    {
        var merged = new Dictionary<string, EntityDefinition>(StringComparer.Ordinal);
        foreach (var definition in recognizers.SelectMany(recognizer => recognizer.Entities))
        {
            merged[definition.Name] = merged.TryGetValue(definition.Name, out var existing)
                ? existing with { ContextWords = [.. existing.ContextWords.Union(definition.ContextWords)] }
                : definition;
        }

        Entities = merged.ToFrozenDictionary(StringComparer.Ordinal);
        Names = Entities.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public FrozenDictionary<string, EntityDefinition> Entities { get; }

    /// <summary>All names, sorted, for listings.</summary>
    public IReadOnlyList<string> Names { get; }

    public bool Contains(string entity) => Entities.ContainsKey(entity);
}
