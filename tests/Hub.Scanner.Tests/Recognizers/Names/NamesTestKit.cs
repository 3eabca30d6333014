using Hub.Scanner.Recognizers;
using Hub.Scanner.Recognizers.Names;

namespace Hub.Scanner.Tests.Recognizers.Names;

/// <summary>One recognizer for the Names tests: the gazetteers are immutable, so loading them once keeps the classes fast.</summary>
internal static class NamesTestKit
{
    public const double Threshold = 0.5;

    public static readonly NameAndPlaceRecognizer Recognizer = new(new NameLexicon());

    /// <summary>The substrings proposed for <paramref name="entity"/> at or above the default threshold, in order.</summary>
    public static List<string> Proposed(string text, string entity) =>
        [.. ScannerTestKit.Raw(Recognizer, text).Where(r => r.Entity == entity && r.Score >= Threshold).OrderBy(r => r.Start).Select(r => text[r.Start..r.End])];

    public static RecognizerResult Single(string text, string entity) =>
        Assert.Single(ScannerTestKit.Raw(Recognizer, text), r => r.Entity == entity && r.Score >= Threshold);
}
