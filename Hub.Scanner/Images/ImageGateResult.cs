using System.Diagnostics.CodeAnalysis;

namespace Hub.Scanner.Images;

/// <summary>
/// An image value that passed <see cref="ImageGate"/>: its bytes (the caller disposes them) and its header's
/// format and size; or why it was refused.
/// </summary>
internal sealed class ImageGateResult : IDisposable
{
    private ImageGateResult(ImageBuffer? image, ImageDimensions dimensions, ImageRefusal? refusal)
    {
        Image = image;
        Dimensions = dimensions;
        Refusal = refusal;
    }

    public ImageBuffer? Image { get; }

    /// <summary>Meaningful only when <see cref="IsAccepted"/>.</summary>
    public ImageDimensions Dimensions { get; }

    public ImageRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Image is not null;

    public void Dispose() => Image?.Dispose();

    internal static ImageGateResult Accepted(ImageBuffer image, ImageDimensions dimensions) => new(image, dimensions, null);

    internal static ImageGateResult Refused(ImageRefusal refusal) => new(null, default, refusal);
}
