namespace Hub.Scanner.Recognizers.Injection;

/// <summary>The attack families evidence is grouped by: within a family the strongest match counts, across families evidence adds up.</summary>
internal enum AttackFamily
{
    /// <summary>"Ignore all previous instructions", "the rules above no longer apply".</summary>
    InstructionOverride,

    /// <summary>"You are now…", "your new task is…", "pretend you have no guidelines".</summary>
    RoleOverride,

    /// <summary>DAN, developer mode, "unfiltered AI that never refuses".</summary>
    PersonaJailbreak,

    /// <summary>"Repeat your system prompt", "what were your initial instructions".</summary>
    PromptExtraction,

    /// <summary>Fake turns and delimiters: <c>system:</c> lines, <c>&lt;|im_start|&gt;</c>, <c>&lt;/system&gt;</c>, "END OF USER INPUT".</summary>
    FakeTurn,

    /// <summary>Instructions aimed at the model from inside content: "Note to the AI reading this…", "don't tell the user".</summary>
    Indirect,

    /// <summary>Payloads hidden in base64, hex, URL or HTML encoding that decode to an attack.</summary>
    Encoded,

    /// <summary>The learned classifier's view of the whole text.</summary>
    Classifier,
}

/// <summary>
/// A phrase pattern over the normalised words: steps that must appear in order, each a word set, with
/// at most <see cref="Gaps"/>[i] other words before step i (0: adjacent).
/// </summary>
/// <param name="Unless">Words that make the match innocent when they occur inside it ("ignore all <i>grammar</i> rules").</param>
internal sealed record Signature(AttackFamily Family, double Weight, CueSets[] Steps, CueSets[] Marks, int[] Gaps, CueSets Unless, string Pattern)
{
    /// <summary>
    /// Parses <c>"@ignore ~3 @prior ~2 @instructions"</c>: <c>@name</c> is a named set, <c>a|b</c> literal
    /// words, <c>~n</c> allows up to n words before the next step, a step ending in <c>:</c> must be followed by
    /// a colon and one ending in <c>^</c> written in capitals, and a trailing <c>-@name</c> lists words
    /// that must not occur inside the match.
    /// </summary>
    public static Signature Parse(AttackFamily family, double weight, string pattern, CueLexicon lexicon)
    {
        var steps = new List<CueSets>();
        var marks = new List<CueSets>();
        var gaps = new List<int>();
        var gap = 0;
        var unless = CueSets.None;
        foreach (var part in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part[0] == '~')
            {
                gap = int.Parse(part.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            if (part[0] == '-')
            {
                unless |= lexicon.BitOf(part[1..]);
                continue;
            }

            var mark = part[^1] switch
            {
                ':' => CueLexicon.ColonMark,
                '^' => CueLexicon.UpperMark,
                _ => CueSets.None,
            };
            var words = mark.IsEmpty ? part : part[..^1];
            steps.Add(lexicon.BitOf(words));
            marks.Add(mark);
            gaps.Add(gap);
            gap = 0;
        }

        return new Signature(family, weight, [.. steps], [.. marks], [.. gaps], unless, pattern);
    }

    /// <summary>Whether the signature matches starting at token <paramref name="first"/>; the raw end of the match when it does.</summary>
    public bool TryMatch(ReadOnlySpan<CueToken> tokens, int first, out int end)
    {
        end = 0;
        if (!Matches(tokens[first].Sets, 0))
        {
            return false;
        }

        var at = first;
        for (var step = 1; step < Steps.Length; step++)
        {
            var found = -1;
            var last = Math.Min(tokens.Length - 1, at + 1 + Gaps[step]);
            for (var next = at + 1; next <= last; next++)
            {
                if (Matches(tokens[next].Sets, step))
                {
                    found = next;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            at = found;
        }

        if (!Unless.IsEmpty)
        {
            for (var inside = first; inside <= at; inside++)
            {
                if (tokens[inside].Sets.Overlaps(Unless))
                {
                    return false;
                }
            }
        }

        end = tokens[at].End;
        return true;
    }

    private bool Matches(in CueSets sets, int step) => sets.Overlaps(Steps[step]) && sets.Contains(Marks[step]);
}
