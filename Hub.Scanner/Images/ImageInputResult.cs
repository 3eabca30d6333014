using System.Diagnostics.CodeAnalysis;

namespace Hub.Scanner.Images;

/// <summary>
/// What <see cref="ImageInput.Parse"/> made of a value: the decoded bytes (the caller disposes them) and
/// the format a <c>data:</c> URL declared, or a refusal.
/// </summary>
internal sealed class ImageInputResult
{
    private ImageInputResult(ImageBuffer? image, ImageFormat? declaredFormat, ImageRefusal? refusal)
    {
        Image = image;
        DeclaredFormat = declaredFormat;
        Refusal = refusal;
    }

    public ImageBuffer? Image { get; }

    /// <summary>The media type of a <c>data:</c> URL as a format; null for bare base64.</summary>
    public ImageFormat? DeclaredFormat { get; }

    public ImageRefusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Image is not null;

    internal static ImageInputResult Accepted(ImageBuffer image, ImageFormat? declaredFormat) => new(image, declaredFormat, null);

    internal static ImageInputResult Refused(ImageRefusalReason reason, string message) => new(null, null, new ImageRefusal(reason, message));
}
