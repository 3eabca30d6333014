using Hub.Scanner.Ocr;
using Hub.Scanner.Vision;

namespace Hub.Scanner.Tests.Vision;

public sealed class OcrTextTests
{
    private static readonly OcrWord[] TwoLines =
    [
        new("SSN:", new OcrBox(40, 40, 50, 20), 90),
        new("123-45-6789", new OcrBox(100, 41, 120, 20), 90),
        new("Card:", new OcrBox(40, 80, 55, 20), 90),
        new("4111", new OcrBox(100, 80, 45, 20), 90),
        new("1111", new OcrBox(150, 81, 45, 21), 90),
    ];

    [Fact]
    public void From_WordsOfTwoLines_JoinsWordsBySpacesAndLinesByNewlines()
    {
        Assert.Equal("SSN: 123-45-6789\nCard: 4111 1111", OcrText.From(TwoLines).Text);
    }

    [Fact]
    public void From_NoWords_IsEmpty()
    {
        var text = OcrText.From([]);

        Assert.Equal("", text.Text);
        Assert.Null(text.BoxOf(0, 1));
    }

    [Fact]
    public void BoxOf_SpanOverOneWord_IsThatWordsBox()
    {
        var text = OcrText.From(TwoLines);
        var start = text.Text.IndexOf("123", StringComparison.Ordinal);

        Assert.Equal(new OcrBox(100, 41, 120, 20), text.BoxOf(start, start + 11));
    }

    [Fact]
    public void BoxOf_SpanOverSeveralWords_IsTheirUnion()
    {
        var text = OcrText.From(TwoLines);
        var start = text.Text.IndexOf("4111", StringComparison.Ordinal);

        Assert.Equal(new OcrBox(100, 80, 95, 22), text.BoxOf(start, start + 9));
    }

    [Fact]
    public void BoxOf_SpanEndingInsideAWord_IncludesThatWord()
    {
        var text = OcrText.From(TwoLines);

        Assert.Equal(new OcrBox(40, 40, 180, 21), text.BoxOf(2, 7));
    }
}
