using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Tests.Recognizers.Financial;

/// <summary>Shortcuts shared by the number recognizers' tests (Financial, Identity, Phone).</summary>
internal static class RecognizerProbe
{
    /// <summary>The substrings one recognizer proposes, in order.</summary>
    public static List<string> Spans(IRecognizer recognizer, string text) =>
        [.. ScannerTestKit.Raw(recognizer, text).OrderBy(r => r.Start).Select(r => text[r.Start..r.End])];

    /// <summary>Asserts exactly one candidate, exactly at <paramref name="expected"/>'s position in <paramref name="text"/>, and returns it.</summary>
    public static RecognizerResult Single(IRecognizer recognizer, string text, string expected)
    {
        var result = Assert.Single(ScannerTestKit.Raw(recognizer, text));
        var start = text.IndexOf(expected, StringComparison.Ordinal);
        Assert.True(start >= 0, "expected span is not in the text");
        Assert.Equal((start, start + expected.Length), (result.Start, result.End));
        return result;
    }

    /// <summary>
    /// 100 KB of the inputs that make naive number patterns slow: one digit run, digits split by every
    /// separator recognizers accept, one long word, and valid-looking values repeated end to end.
    /// </summary>
    public static TheoryData<string> Adversarial(params string[] repeated)
    {
        var data = new TheoryData<string>
        {
            new string('7', 100_000),
            Repeat("1 ", 50_000),
            Repeat("1-", 50_000),
            Repeat("12.", 33_000),
            Repeat("123 45 ", 14_000),
            Repeat("(1) ", 25_000),
            Repeat("a1", 50_000),
            Repeat("AB12", 25_000),
            "+" + Repeat("44 ", 33_000),
        };
        foreach (var value in repeated)
        {
            data.Add(Repeat(value, (100_000 / value.Length) + 1));
        }

        return data;
    }

    private static string Repeat(string value, int times) => new System.Text.StringBuilder(value.Length * times).Insert(0, value, times).ToString();
}
