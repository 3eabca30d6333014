using System.Buffers;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// Fake turns and delimiters in the raw text: chat-template tokens (<c>&lt;|im_start|&gt;</c>, <c>[INST]</c>,
/// <c>&lt;&lt;SYS&gt;&gt;</c>), closing tags that pretend the system part ended (<c>&lt;/system&gt;</c>), role lines
/// (<c>system:</c>, <c>### Assistant:</c> at the start of a line), and long floods of a repeated short unit that
/// try to push the real instructions out of the model's attention. Each is a cue, not proof: code that builds
/// chat templates and pasted transcripts use the same markup, so on its own none reaches the block threshold.
/// </summary>
internal static class MarkupCues
{
    /// <summary>
    /// Markers, their weight, and whether they are chat-template tokens: code that builds a template has
    /// several of those (and the tags that close its parts), so together they count once.
    /// </summary>
    private static readonly (string Marker, double Weight, bool IsTemplate)[] Markers =
    [
        ("<|im_start|>", 0.45, true), ("<|im_end|>", 0.45, true), ("<|im_sep|>", 0.45, true), ("<|user|>", 0.4, true),
        ("<|assistant|>", 0.4, true), ("<|endoftext|>", 0.45, true), ("<|eot_id|>", 0.45, true), ("<|start_header_id|>", 0.45, true),
        ("[inst]", 0.4, true), ("[/inst]", 0.45, true), ("<<sys>>", 0.45, true), ("<</sys>>", 0.45, true), ("<start_of_turn>", 0.4, true),
        ("<end_of_turn>", 0.4, true), ("</instructions>", 0.4, true), ("</user_input>", 0.45, true), ("</user>", 0.35, true),
        ("</prompt>", 0.35, true), ("<|system|>", 0.45, false), ("</system>", 0.45, false), ("<system>", 0.35, false),
        ("[system]", 0.35, false), ("[/system]", 0.45, false), ("[system note", 0.5, false), ("(system note", 0.5, false),
        ("system override", 0.5, false), ("admin override", 0.5, false), ("%%%", 0.2, false), ("### instruction", 0.2, false),
        ("### new instruction", 0.45, false), ("### system", 0.35, false), ("\"role\": \"system\"", 0.35, false),
        ("\"role\":\"system\"", 0.35, false), ("'role': 'system'", 0.35, false),
    ];

    private const string Template = "template";

    private static readonly SearchValues<string> MarkerSearch =
        SearchValues.Create(Markers.Select(marker => marker.Marker).ToArray(), StringComparison.OrdinalIgnoreCase);

    private static readonly (string Role, double Weight)[] RoleLines =
    [
        ("system", 0.4), ("developer", 0.4), ("admin", 0.4), ("administrator", 0.4), ("root", 0.3), ("assistant", 0.3), ("human", 0.2), ("ai", 0.2),
    ];

    /// <summary>Unit lengths checked: "ö ö ö", "ab ab", ") ] } ) ] }".</summary>
    private static readonly int[] FloodPeriods = [2, 3, 4, 6];

    /// <summary>A repeated unit must fill this many characters to count as a flood.</summary>
    private const int MinFloodLength = 96;

    /// <summary>
    /// Adds one piece of FakeTurn evidence: different markers add up (a fake <c>&lt;/user&gt;</c> then
    /// <c>&lt;system&gt;</c> is stronger than either), the same marker repeated does not.
    /// </summary>
    public static void Find(string text, EvidenceBoard board)
    {
        var found = new Dictionary<string, Evidence>(StringComparer.OrdinalIgnoreCase);
        FindMarkers(text, found);
        FindRoleLines(text, found);
        FindFlood(text, found);
        if (found.Count == 0)
        {
            return;
        }

        var innocent = 1.0;
        var strongest = default(Evidence);
        foreach (var evidence in found.Values)
        {
            innocent *= 1 - evidence.Weight;
            strongest = evidence.Weight > strongest.Weight ? evidence : strongest;
        }

        board.Add(AttackFamily.FakeTurn, 1 - innocent, strongest.Start, strongest.End);
    }

    private static void Note(Dictionary<string, Evidence> found, string kind, double weight, int start, int end)
    {
        if (!found.TryGetValue(kind, out var existing) || existing.Weight < weight)
        {
            found[kind] = new Evidence(AttackFamily.FakeTurn, weight, start, end);
        }
    }

    private static void FindMarkers(string text, Dictionary<string, Evidence> found)
    {
        var at = 0;
        while (at < text.Length)
        {
            var next = text.AsSpan(at).IndexOfAny(MarkerSearch);
            if (next < 0)
            {
                return;
            }

            var start = at + next;
            var (length, weight, kind) = (0, 0.0, string.Empty);
            foreach (var (marker, markerWeight, isTemplate) in Markers)
            {
                if (marker.Length > length && text.AsSpan(start).StartsWith(marker, StringComparison.OrdinalIgnoreCase))
                {
                    (length, weight, kind) = (marker.Length, markerWeight, isTemplate ? Template : marker);
                }
            }

            Note(found, kind, weight, start, start + length);
            at = start + Math.Max(1, length);
        }
    }

    /// <summary><c>system:</c>, <c>**System:**</c>, <c>[assistant]:</c>, <c>### Developer:</c> as the first word of a line.</summary>
    private static void FindRoleLines(string text, Dictionary<string, Evidence> found)
    {
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var i = lineStart;
            while (i < text.Length && text[i] is ' ' or '\t' or '#' or '*' or '[' or '<' or '(' or '>' or '-' or '|' or '"' or '`' or '_')
            {
                i++;
            }

            var wordStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var word = text.AsSpan(wordStart, i - wordStart);
            while (i < text.Length && text[i] is ' ' or ']' or '>' or ')' or '*' or '_' or '|')
            {
                i++;
            }

            // A role followed by text on its line; "system:" ending a line is a YAML or INI key.
            var afterColon = i + 1;
            while (afterColon < text.Length && text[afterColon] is ' ' or '\t')
            {
                afterColon++;
            }

            if (i < text.Length && text[i] == ':' && word.Length > 0 && afterColon < text.Length && text[afterColon] is not ('\n' or '\r'))
            {
                foreach (var (role, weight) in RoleLines)
                {
                    if (word.Equals(role, StringComparison.OrdinalIgnoreCase))
                    {
                        Note(found, role + ":", weight, wordStart, i + 1);
                    }
                }
            }

            var nextLine = text.IndexOf('\n', i);
            lineStart = nextLine < 0 ? text.Length : nextLine + 1;
        }
    }

    /// <summary>The same unit of 2, 3, 4 or 6 characters (not all one character: a ruler line is fine) repeated over at least <see cref="MinFloodLength"/> characters.</summary>
    private static void FindFlood(string text, Dictionary<string, Evidence> found)
    {
        if (text.Length < MinFloodLength)
        {
            return;
        }

        foreach (var period in FloodPeriods)
        {
            var run = 0;
            for (var i = period; i < text.Length; i++)
            {
                run = text[i] == text[i - period] ? run + 1 : 0;
                if (run == MinFloodLength - period && text.AsSpan(i - period + 1, period).ContainsAnyExcept(text[i]))
                {
                    var start = i - run - period + 1;
                    Note(found, "flood", 0.35, start, i + 1);
                    return;
                }
            }
        }
    }
}
