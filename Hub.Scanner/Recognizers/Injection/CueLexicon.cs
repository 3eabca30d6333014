namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// The words the signatures are written in, each mapped to the bit of every word set it belongs to, so a
/// signature step is one AND per token. Steps name sets (<c>@ignore</c>, defined in
/// <see cref="InjectionSignatures.WordSets"/>), literal words (<c>now</c>) or alternatives of both (<c>@never|stop</c>),
/// and each distinct step gets its own bit: at most 254 (two bits are marks).
/// </summary>
internal sealed class CueLexicon
{
    /// <summary>Short words that glue cue words together when run-together text is split (<c>ignoreallyourrules</c>).</summary>
    private static readonly string[] GlueWords =
    [
        "a", "an", "the", "to", "of", "and", "or", "you", "i", "me", "my", "is", "are", "be", "it", "this", "that",
        "in", "on", "as", "with", "from", "for", "no", "not", "now", "so", "far", "tell", "what", "say",
    ];

    private readonly Dictionary<string, CueSets> words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CueSets>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<string, CueSets> setBits = new(StringComparer.Ordinal);
    private readonly HashSet<string> segmentable = new(StringComparer.Ordinal);
    private readonly HashSet<string> prefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> prefixLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> segmentLookup;
    private readonly IReadOnlyDictionary<string, string[]> namedSets;
    private int longestWord;

    /// <summary>A mark on a token followed by a colon (<c>AI assistant:</c>): steps written <c>word:</c> require it.</summary>
    public static readonly CueSets ColonMark = CueSets.Bit(CueSets.Capacity - 1);

    /// <summary>A mark on a token written in capitals (<c>DAN</c>, not <c>Dan</c>): steps written <c>word^</c> require it.</summary>
    public static readonly CueSets UpperMark = CueSets.Bit(CueSets.Capacity - 2);

    public CueLexicon(IReadOnlyDictionary<string, string[]> namedSets)
    {
        this.namedSets = namedSets;
        lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        segmentLookup = segmentable.GetAlternateLookup<ReadOnlySpan<char>>();
        prefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var glue in GlueWords)
        {
            AddSegmentable(glue);
        }
    }

    /// <summary>The bit of a step written as <c>@name</c> or <c>word|word</c>, created on first use.</summary>
    public CueSets BitOf(string step)
    {
        if (setBits.TryGetValue(step, out var bit))
        {
            return bit;
        }

        if (setBits.Count == CueSets.Capacity - 2)
        {
            throw new InvalidOperationException($"The injection signatures use more than {CueSets.Capacity - 2} word sets.");
        }

        bit = CueSets.Bit(setBits.Count);
        setBits[step] = bit;
        foreach (var word in step.Split('|').SelectMany(Expand))
        {
            words[word] = words.GetValueOrDefault(word) | bit;
            for (var length = 2; length < word.Length; length++)
            {
                prefixes.Add(word[..length]);
            }

            AddSegmentable(word);
        }

        return bit;
    }

    private IEnumerable<string> Expand(string alternative) =>
        alternative.StartsWith('@')
            ? namedSets.TryGetValue(alternative[1..], out var named) ? named : throw new InvalidOperationException($"Unknown word set '{alternative}'.")
            : [alternative];

    /// <summary>Whether some cue word starts with <paramref name="start"/> (and is longer): "ign" for "ignore".</summary>
    public bool StartsAWord(ReadOnlySpan<char> start) => prefixLookup.Contains(start);

    public CueSets SetsOf(ReadOnlySpan<char> word) => lookup.TryGetValue(word, out var sets) ? sets : CueSets.None;

    /// <summary>
    /// Where to cut <paramref name="word"/> so every piece is a lexicon or glue word (fewest pieces), as the
    /// end index of each piece; null when it cannot be cut that way.
    /// </summary>
    public int[]? Segment(ReadOnlySpan<char> word)
    {
        // pieces[i]: fewest pieces covering word[..i]; from[i]: where the last of them starts.
        Span<int> pieces = stackalloc int[word.Length + 1];
        Span<int> from = stackalloc int[word.Length + 1];
        pieces.Fill(int.MaxValue);
        pieces[0] = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            for (var start = Math.Max(0, end - longestWord); start < end; start++)
            {
                if (pieces[start] != int.MaxValue && pieces[start] + 1 < pieces[end] && segmentLookup.Contains(word[start..end]))
                {
                    pieces[end] = pieces[start] + 1;
                    from[end] = start;
                }
            }
        }

        if (pieces[word.Length] == int.MaxValue)
        {
            return null;
        }

        var cuts = new int[pieces[word.Length]];
        for (int end = word.Length, i = cuts.Length - 1; end > 0; end = from[end], i--)
        {
            cuts[i] = end;
        }

        return cuts;
    }

    private void AddSegmentable(string word)
    {
        segmentable.Add(word);
        longestWord = Math.Max(longestWord, word.Length);
    }
}
