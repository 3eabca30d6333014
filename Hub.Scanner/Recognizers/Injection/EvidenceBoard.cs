namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// The evidence gathered on one text: the strongest match of each attack family. Within a family only the
/// strongest counts (saying "ignore previous instructions" twice is not twice the evidence); across
/// families evidence adds up as a noisy-OR, so two independent cues of 0.45 make 0.70.
/// </summary>
internal sealed class EvidenceBoard
{
    private static readonly int Families = Enum.GetValues<AttackFamily>().Length;

    private readonly Evidence[] best = new Evidence[Families];

    public void Add(AttackFamily family, double weight, int start, int end)
    {
        ref var current = ref best[(int)family];
        if (weight > current.Weight)
        {
            current = new Evidence(family, weight, start, end);
        }
    }

    /// <summary>Scales every piece of evidence weaker than <paramref name="below"/> by <paramref name="factor"/>.</summary>
    public void Dampen(double factor, double below)
    {
        foreach (ref var evidence in best.AsSpan())
        {
            if (evidence.Weight < below)
            {
                evidence = evidence with { Weight = evidence.Weight * factor };
            }
        }
    }

    public double WeightOf(AttackFamily family) => best[(int)family].Weight;

    /// <summary>1 − Π(1 − weight) over the families.</summary>
    public double Score
    {
        get
        {
            var innocent = 1.0;
            foreach (var evidence in best)
            {
                innocent *= 1 - evidence.Weight;
            }

            return 1 - innocent;
        }
    }

    /// <summary>The strongest single piece of evidence: its span is what a finding points at.</summary>
    public Evidence Strongest
    {
        get
        {
            var strongest = best[0];
            foreach (var evidence in best)
            {
                if (evidence.Weight > strongest.Weight)
                {
                    strongest = evidence;
                }
            }

            return strongest;
        }
    }

    public IEnumerable<Evidence> All => best.Where(evidence => evidence.Weight > 0);
}

/// <summary>One family's strongest match: its weight and raw span <c>[Start, End)</c>.</summary>
internal readonly record struct Evidence(AttackFamily Family, double Weight, int Start, int End);
