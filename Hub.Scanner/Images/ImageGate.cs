namespace Hub.Scanner.Images;

/// <summary>
/// Decides whether an image may go on to OCR: parsed (<see cref="ImageInput"/>), sized from its header
/// (<see cref="ImageHeader"/>) and held to <see cref="ImageLimits"/>, all before any pixel is decoded.
/// </summary>
/// <remarks>
/// A <c>data:</c> URL whose media type disagrees with the bytes is refused rather than trusted either way.
/// Decoders sniff the bytes, so the label changes nothing about safety, but a PNG labelled image/jpeg is
/// either a client bug that should be fixed or an attempt to get past a filter that trusts labels (a
/// gateway upstream, the provider's own checks); the refusal names both formats so the fix is obvious.
/// </remarks>
internal static class ImageGate
{
    /// <summary>Parses, sizes and limits a request's image value; an accepted result owns its bytes.</summary>
    public static ImageGateResult Check(string? value, ImageLimits limits)
    {
        var input = ImageInput.Parse(value, limits);
        if (!input.IsAccepted)
        {
            return ImageGateResult.Refused(input.Refusal);
        }

        var header = Check(input.Image.Span, limits, input.DeclaredFormat);
        if (!header.IsAccepted)
        {
            input.Image.Dispose();
            return ImageGateResult.Refused(header.Refusal);
        }

        return ImageGateResult.Accepted(input.Image, header.Dimensions);
    }

    /// <summary>Sizes and limits image bytes; <paramref name="declaredFormat"/> is what a data URL claimed.</summary>
    public static ImageHeaderResult Check(ReadOnlySpan<byte> bytes, ImageLimits limits, ImageFormat? declaredFormat = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.ThrowIfInvalid();
        if (bytes.Length > limits.MaxBytes)
        {
            return ImageHeaderResult.Refused(ImageRefusalReason.TooManyBytes, $"The image is larger than the limit of {limits.MaxBytes} bytes.");
        }

        var header = ImageHeader.Read(bytes);
        if (!header.IsAccepted)
        {
            return header;
        }

        var (format, width, height) = header.Dimensions;
        if (declaredFormat is { } declared && declared != format)
        {
            return ImageHeaderResult.Refused(
                ImageRefusalReason.MediaTypeMismatch, $"The data URL declares {declared} but the image is {format}.");
        }

        if (width > limits.MaxSide || height > limits.MaxSide)
        {
            return ImageHeaderResult.Refused(
                ImageRefusalReason.SideTooLong, $"The image is {width}×{height}; the limit is {limits.MaxSide} pixels a side.");
        }

        if (header.Dimensions.Pixels > limits.MaxPixels)
        {
            return ImageHeaderResult.Refused(
                ImageRefusalReason.TooManyPixels, $"The image is {width}×{height}; the limit is {limits.MaxPixels} pixels.");
        }

        return header;
    }
}
