using System.Diagnostics.CodeAnalysis;

namespace Hub.Scanner.Images;

/// <summary>An image's format and size in pixels, as its header states them.</summary>
internal readonly record struct ImageDimensions(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}

/// <summary>What <see cref="ImageHeader.Read"/> or <see cref="ImageGate"/> made of some bytes.</summary>
internal sealed class ImageHeaderResult
{
    private ImageHeaderResult(ImageDimensions dimensions, ImageRefusal? refusal)
    {
        Dimensions = dimensions;
        Refusal = refusal;
    }

    /// <summary>Meaningful only when <see cref="IsAccepted"/>.</summary>
    public ImageDimensions Dimensions { get; }

    public ImageRefusal? Refusal { get; }

    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Refusal is null;

    internal static ImageHeaderResult Accepted(ImageFormat format, int width, int height) => new(new ImageDimensions(format, width, height), null);

    internal static ImageHeaderResult Refused(ImageRefusal refusal) => new(default, refusal);

    internal static ImageHeaderResult Refused(ImageRefusalReason reason, string message) => new(default, new ImageRefusal(reason, message));
}
