namespace Hub.Scanner.Recognizers.Phone;

/// <summary>
/// A phone-shaped stretch of text: up to <see cref="MaxGroups"/> digit groups joined by short separators,
/// optionally led by '+' or '('. Group <c>i</c> is <c>[Starts[i], Ends[i])</c>; what lies between two groups is
/// their separator. Filled by <see cref="PhoneCandidateScanner"/> into caller-owned stack buffers.
/// </summary>
internal readonly ref struct PhoneCandidate(string text, int start, int end, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
{
    public const int MaxGroups = 12;

    public string Text { get; } = text;

    public int Start { get; } = start;

    public int End { get; } = end;

    public ReadOnlySpan<int> Starts { get; } = starts;

    public ReadOnlySpan<int> Ends { get; } = ends;

    public int Count => Starts.Length;

    public bool IsInternational => Text[Start] == '+';

    public int Digits
    {
        get
        {
            var digits = 0;
            for (var i = 0; i < Count; i++)
            {
                digits += Ends[i] - Starts[i];
            }

            return digits;
        }
    }

    public int Length(int group) => Ends[group] - Starts[group];

    public ReadOnlySpan<char> Separator(int group) => Text.AsSpan(Ends[group], Starts[group + 1] - Ends[group]);

    /// <summary>An area code in parentheses, "(1017) 667004", "+55 (39) 82958-4230": 2–5 digits, then at least six more.</summary>
    public bool HasParenthesisedAreaCode()
    {
        var group = IsInternational ? 1 : 0;
        if (Count <= group + 1 || Length(group) is < 2 or > 5 || Starts[group] == 0 || Text[Starts[group] - 1] != '(' || Separator(group)[0] != ')')
        {
            return false;
        }

        var after = 0;
        for (var i = group + 1; i < Count; i++)
        {
            after += Length(i);
        }

        return after >= 6;
    }

    /// <summary>
    /// The North American layout: (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX or NXX NXX XXXX, optionally led by
    /// 1, +1 or the 001 of international dialling. Placeholder numbers such as 555-123-4567 have this shape
    /// without being valid.
    /// </summary>
    public bool IsNorthAmericanLayout(out bool spacesOnly)
    {
        spacesOnly = false;
        var first = Count == 4 && Text.AsSpan(Starts[0], Length(0)) is "1" or "001" ? 1 : 0;
        if (Count - first != 3 || Length(first) != 3 || Length(first + 1) != 3 || Length(first + 2) != 4 || Text[Starts[first]] == '0')
        {
            return false; // a North American area code never starts with 0; "089 910 2675" is a national number elsewhere
        }

        var a = Separator(first);
        var b = Separator(first + 1);
        var parenthesised = Starts[first] > 0 && Text[Starts[first] - 1] == '(' && a.Length > 0 && a[0] == ')';
        if (parenthesised)
        {
            return b is "-" or " " or ".";
        }

        spacesOnly = a is " " && b is " ";
        return a.Length == 1 && a.SequenceEqual(b) && a[0] is '-' or '.' or ' ';
    }
}
