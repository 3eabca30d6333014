namespace Hub.Scanner.Ocr;

/// <summary>Why an image was not read. Nothing was decoded for any reason but <see cref="Undecodable"/>.</summary>
internal enum OcrRefusal
{
    /// <summary>OCR is turned off (<c>Scanner:Ocr:Enabled</c>).</summary>
    Disabled,

    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>More bytes than <c>MaxBytes</c>.</summary>
    TooManyBytes,

    /// <summary>The header claims more pixels than <c>MaxPixels</c>.</summary>
    TooManyPixels,

    /// <summary>The header could not be read: an unsupported format, or not an image.</summary>
    UnreadableHeader,

    /// <summary>The header was fine but decoding failed (truncated or corrupt data).</summary>
    Undecodable,
}

/// <summary>A pixel rectangle: <see cref="X"/>, <see cref="Y"/> is the top-left corner.</summary>
internal readonly record struct OcrBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool Contains(OcrBox other) =>
        other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;

    public bool Intersects(OcrBox other) =>
        other.X < Right && X < other.Right && other.Y < Bottom && Y < other.Bottom;
}

/// <summary>One recognised word and where it is, in pixels of the original image.</summary>
internal sealed record OcrWord(string Text, OcrBox Box, float Confidence);

/// <summary>What OCR read from one image.</summary>
/// <param name="Text">The page's text, lines separated by <c>\n</c>; empty when refused.</param>
/// <param name="Words">Every word with its box, in reading order.</param>
/// <param name="Width">Width of the image in pixels (0 when refused before the header was read).</param>
/// <param name="Height">Height of the image in pixels.</param>
/// <param name="TimedOut">The deadline passed: <see cref="Text"/> and <see cref="Words"/> hold what was read by then.</param>
/// <param name="Refusal">Set when the image was not read at all.</param>
internal sealed record OcrResult(string Text, IReadOnlyList<OcrWord> Words, int Width, int Height, bool TimedOut, OcrRefusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static OcrResult Refused(OcrRefusal reason, int width = 0, int height = 0) => new("", [], width, height, false, reason);
}
