using Hub.Scanner.Evaluation.Corpus;

namespace Hub.Scanner.Evaluation.Scoring;

/// <summary>True positives, false positives and false negatives of one entity type (or of several, summed: micro-averaging).</summary>
internal sealed class EntityCounts
{
    public int TruePositives { get; set; }

    public int FalsePositives { get; set; }

    public int FalseNegatives { get; set; }

    /// <summary>Gold spans of the type.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>Null when the engine predicted nothing of the type.</summary>
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Null when the set has no gold span of the type.</summary>
    public double? Recall => Support == 0 ? null : (double)TruePositives / Support;

    public double? F1 => (Precision, Recall) switch
    {
        (null, _) or (_, null) => null,
        (0, 0) => 0,
        var (p, r) => 2 * p.Value * r.Value / (p.Value + r.Value),
    };

    public void Add(EntityCounts other)
    {
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        FalseNegatives += other.FalseNegatives;
    }
}

/// <summary>Counts per entity type over a set of scored examples.</summary>
internal sealed class Scorecard
{
    private readonly SortedDictionary<string, EntityCounts> counts = new(StringComparer.Ordinal);

    public Scorecard(IEnumerable<ExampleResult> results)
    {
        foreach (var entity in EntityTypes.All)
        {
            counts[entity] = new EntityCounts();
        }

        foreach (var result in results)
        {
            Examples++;
            foreach (var span in result.Found)
            {
                For(span.Entity).TruePositives++;
            }

            foreach (var span in result.Missed)
            {
                For(span.Entity).FalseNegatives++;
            }

            foreach (var prediction in result.Spurious)
            {
                For(prediction.Entity).FalsePositives++;
            }
        }
    }

    public int Examples { get; }

    /// <summary>The 27 built-in types in declaration order, then any other type the engine reported.</summary>
    public IEnumerable<string> Entities => EntityTypes.All.Concat(counts.Keys.Where(entity => !EntityTypes.IsKnown(entity)));

    public EntityCounts this[string entity] => counts[entity];

    /// <summary>Micro-average: the counts of the selected types summed before the ratios are taken.</summary>
    public EntityCounts Sum(Func<string, bool> include)
    {
        var total = new EntityCounts();
        foreach (var entity in Entities.Where(include))
        {
            total.Add(counts[entity]);
        }

        return total;
    }

    private EntityCounts For(string entity)
    {
        if (!counts.TryGetValue(entity, out var entityCounts))
        {
            entityCounts = new EntityCounts();
            counts[entity] = entityCounts;
        }

        return entityCounts;
    }
}
