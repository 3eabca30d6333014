using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

/// <summary>Assertions on what one recognizer proposes, by exact substring.</summary>
internal static class RecognizerAssert
{
    /// <summary>The recognizer proposes <paramref name="expected"/> as <paramref name="entity"/>, with exact offsets.</summary>
    public static RecognizerResult Finds(IRecognizer recognizer, string text, string entity, string expected)
    {
        var results = ScannerTestKit.Raw(recognizer, text);
        var spans = results.Select(r => $"{r.Entity}:{text[r.Start..r.End]}").ToList();
        var match = results.Where(r => r.Entity == entity && text[r.Start..r.End] == expected).ToList();
        Assert.True(match.Count == 1, $"Expected {entity} '{expected}' once; got [{string.Join(" | ", spans)}]");
        return match[0];
    }

    /// <summary>The recognizer proposes nothing of <paramref name="entity"/> at or above <paramref name="minScore"/>.</summary>
    public static void FindsNothing(IRecognizer recognizer, string text, string entity, double minScore = 0.0)
    {
        var results = ScannerTestKit.Raw(recognizer, text).Where(r => r.Entity == entity && r.Score >= minScore).ToList();
        Assert.True(results.Count == 0, $"Expected no {entity}; got [{string.Join(" | ", results.Select(r => $"{text[r.Start..r.End]} ({r.Score})"))}]");
    }

    /// <summary>100 KB of <paramref name="unit"/> repeated: the scan must finish (a quadratic pattern would take minutes).</summary>
    public static List<RecognizerResult> ScanAdversarial(IRecognizer recognizer, string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, (100 * 1024 / unit.Length) + 1));
        return ScannerTestKit.Raw(recognizer, text);
    }
}
