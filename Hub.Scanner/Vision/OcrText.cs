using Hub.Scanner.Ocr;

namespace Hub.Scanner.Vision;

/// <summary>
/// The text the engine scans for one image, built from OCR's words so that every character maps back to a word and its
/// box: words of a line joined by one space, lines by one <c>\n</c>. Finding offsets are offsets into <see cref="Text"/>.
/// </summary>
/// <remarks>
/// Built from the words rather than taken from <see cref="OcrResult.Text"/>: Tesseract's page text has its own spacing
/// (blank lines between blocks, trailing spaces), and matching it back to words would be a second, fuzzier search.
/// A word starts a new line when it begins left of the previous word or its vertical centre lies outside the previous
/// word's box: the words come in reading order, so either means the line ended.
/// </remarks>
internal sealed class OcrText
{
    private readonly IReadOnlyList<OcrWord> words;
    private readonly int[] starts;

    private OcrText(string text, IReadOnlyList<OcrWord> words, int[] starts)
    {
        Text = text;
        this.words = words;
        this.starts = starts;
    }

    public string Text { get; }

    public static OcrText From(IReadOnlyList<OcrWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = new System.Text.StringBuilder();
        var starts = new int[words.Count];
        OcrWord? previous = null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (previous is not null)
            {
                text.Append(StartsLine(previous.Box, word.Box) ? '\n' : ' ');
            }

            starts[i] = text.Length;
            text.Append(word.Text);
            previous = word;
        }

        return new OcrText(text.ToString(), words, starts);
    }

    /// <summary>The union of the boxes of the words that [<paramref name="start"/>, <paramref name="end"/>) overlaps; null if none.</summary>
    public OcrBox? BoxOf(int start, int end)
    {
        OcrBox? union = null;
        foreach (var box in WordBoxesOf(start, end))
        {
            union = union is { } sum ? Union(sum, box) : box;
        }

        return union;
    }

    /// <summary>
    /// The box of each word that [<paramref name="start"/>, <paramref name="end"/>) overlaps: what a redaction fills. A value
    /// that wraps onto a second line is two word boxes, not the rectangle around both lines and whatever lies between.
    /// </summary>
    public IEnumerable<OcrBox> WordBoxesOf(int start, int end)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var wordStart = starts[i];
            if (wordStart < end && start < wordStart + words[i].Text.Length)
            {
                yield return words[i].Box;
            }
        }
    }

    private static bool StartsLine(OcrBox previous, OcrBox word)
    {
        var centre = word.Y + (word.Height / 2);
        return word.X <= previous.X || centre < previous.Y || centre >= previous.Bottom;
    }

    private static OcrBox Union(OcrBox a, OcrBox b)
    {
        var x = Math.Min(a.X, b.X);
        var y = Math.Min(a.Y, b.Y);
        return new OcrBox(x, y, Math.Max(a.Right, b.Right) - x, Math.Max(a.Bottom, b.Bottom) - y);
    }
}
