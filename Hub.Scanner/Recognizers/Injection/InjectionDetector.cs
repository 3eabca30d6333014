namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// Weighs one text for prompt injection. Layers each add evidence to one <see cref="EvidenceBoard"/>:
/// phrase signatures of known attack families over the normalised words (<see cref="NormalizedView"/>),
/// markup cues in the raw text (<see cref="MarkupCues"/>), payloads hidden in encodings, decoded and weighed
/// the same way (<see cref="EncodedPayloads"/>), and the learned classifier (<see cref="InjectionClassifier"/>).
/// Stateless and thread-safe.
/// </summary>
internal sealed class InjectionDetector
{
    /// <summary>Decoded payloads are weighed again, but a payload inside a payload is as deep as it goes.</summary>
    private const int MaxDepth = 2;

    /// <summary>Hiding an instruction in an encoding is itself suspicious: a decoded payload's evidence counts with this extra weight.</summary>
    private const double EncodingWeight = 0.3;

    /// <summary>How much a signature counts when the matched phrase is quoted on its own.</summary>
    private const double QuotedWeight = 0.5;

    /// <summary>
    /// The most the classifier counts on its own. It learned from a few public sets, so it is one witness
    /// among the others: sure of itself it blocks, unsure it needs a signature or a cue to agree.
    /// </summary>
    private const double MaxClassifierWeight = 0.8;

    /// <summary>Distinct words about attacks and defences (<c>@meta</c>) that make a text a discussion of them.</summary>
    private const int MinMetaWords = 2;

    private const double MetaDiscussionFactor = 0.6;

    /// <summary>Evidence this strong ("ignore all previous instructions") is an attack whatever surrounds it.</summary>
    private const double StrongEvidence = 0.85;

    private readonly CueLexicon lexicon = new(InjectionSignatures.WordSets);
    private readonly Signature[] signatures;
    private readonly CueSets firstSteps;

    /// <summary>The signatures by the bit of their first step, so a word only tries the signatures it can start.</summary>
    private readonly Signature[][] byFirstStep;
    private readonly CueSets metaWords;
    private readonly InjectionClassifier? classifier;

    public InjectionDetector(InjectionClassifier? classifier)
    {
        this.classifier = classifier;
        signatures = [.. InjectionSignatures.Patterns.Select(pattern => Signature.Parse(pattern.Family, pattern.Weight, pattern.Pattern, lexicon))];
        Span<int> bit = stackalloc int[1];
        var starts = new List<Signature>[CueSets.Capacity];
        foreach (var signature in signatures)
        {
            firstSteps |= signature.Steps[0];
            signature.Steps[0].BitIndices(bit);
            (starts[bit[0]] ??= []).Add(signature);
        }

        byFirstStep = [.. starts.Select(list => list?.ToArray() ?? [])];

        metaWords = lexicon.BitOf("@meta");
    }

    public EvidenceBoard Inspect(string text) => Inspect(text, depth: 0);

    private EvidenceBoard Inspect(string text, int depth)
    {
        var board = new EvidenceBoard();
        var view = NormalizedView.Build(text, lexicon);
        MatchSignatures(view, board);
        MarkupCues.Find(text, board);
        if (classifier is not null)
        {
            board.Add(AttackFamily.Classifier, ClassifierWeight(classifier.Probability(view)), 0, text.Length);
        }

        // Talking about attacks ("why did DAN jailbreaks stop working?") uses their words; only strong evidence survives that.
        if (CountDistinct(view, metaWords) >= MinMetaWords)
        {
            board.Dampen(MetaDiscussionFactor, below: StrongEvidence);
        }

        if (depth < MaxDepth)
        {
            foreach (var (start, end, decoded) in EncodedPayloads.Find(text))
            {
                var inner = Inspect(decoded, depth + 1).Score;
                if (inner > 0)
                {
                    board.Add(AttackFamily.Encoded, 1 - ((1 - inner) * (1 - EncodingWeight)), start, end);
                }
            }
        }

        return board;
    }

    private void MatchSignatures(NormalizedView view, EvidenceBoard board)
    {
        if (!view.AllSets.Overlaps(firstSteps))
        {
            return;
        }

        var tokens = view.Tokens;
        Span<int> starts = stackalloc int[CueSets.Capacity];
        for (var i = 0; i < tokens.Length; i++)
        {
            var startable = tokens[i].Sets & firstSteps;
            if (startable.IsEmpty)
            {
                continue;
            }

            var count = startable.BitIndices(starts);
            for (var s = 0; s < count; s++)
            {
                foreach (var signature in byFirstStep[starts[s]])
                {
                    if (signature.Weight > board.WeightOf(signature.Family) && signature.TryMatch(tokens, i, out var end))
                    {
                        // A phrase quoted on its own is being talked about: "what does 'ignore previous instructions' mean?"
                        var weight = IsQuoted(view.Text, tokens[i].Start, end) ? signature.Weight * QuotedWeight : signature.Weight;
                        board.Add(signature.Family, weight, tokens[i].Start, end);
                    }
                }
            }
        }
    }

    private static int CountDistinct(NormalizedView view, CueSets sets)
    {
        if (!view.AllSets.Overlaps(sets))
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in view.Tokens)
        {
            if (token.Sets.Overlaps(sets))
            {
                seen.Add(view.Word(token).ToString());
            }
        }

        return seen.Count;
    }

    /// <summary>Probabilities up to one half are no evidence; above, the weight grows linearly to <see cref="MaxClassifierWeight"/>.</summary>
    private static double ClassifierWeight(double probability) => Math.Max(0, (probability - 0.5) * 2) * MaxClassifierWeight;

    /// <summary>Whether a quote mark opens just before <paramref name="start"/> and closes just after <paramref name="end"/> (punctuation aside).</summary>
    private static bool IsQuoted(string text, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        var after = end;
        while (after < text.Length && text[after] is '.' or ',' or '!' or '?' or '…' or ' ')
        {
            after++;
        }

        return before >= 0 && after < text.Length && IsQuote(text[before]) && IsQuote(text[after]);
    }

    private static bool IsQuote(char c) => c is '"' or '\'' or '‘' or '’' or '“' or '”' or '`' or '«' or '»';
}
