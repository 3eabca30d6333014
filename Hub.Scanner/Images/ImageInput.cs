using System.Buffers.Text;

namespace Hub.Scanner.Images;

/// <summary>
/// Turns an image value from a request (a <c>data:</c> URL or bare base64, as <c>POST /v1/scan</c>
/// <c>images</c> carries it) into bytes in memory, refusing what is broken or too big before allocating.
/// </summary>
/// <remarks>
/// 1. A value that starts with <c>data:</c> (any case: schemes are case-insensitive, RFC 3986 §3.1) is a
///    data URL (RFC 2397): <c>data:&lt;media type&gt;[;name=value]*;base64,&lt;payload&gt;</c>. The media type
///    must be a supported image type; parameters such as <c>charset</c> are ignored; <c>;base64</c> must
///    be the last one, since percent-encoded image bytes are not something a chat client sends.
///    Anything else is bare base64.
/// 2. The payload is standard base64 (RFC 4648 §4) with padding. The URL-safe alphabet (<c>-</c>, <c>_</c>)
///    and missing padding are refused: no chat API emits them for images, and accepting them only widens
///    what a malformed value can smuggle through. Whitespace (space, tab, CR, LF) is ignored anywhere,
///    because MIME encoders and the <c>base64</c> tool wrap lines at 76 characters.
/// 3. The decoded length is computed before any allocation: first a constant-time bound on the payload's
///    length, then an exact count by a validating scan that allocates nothing. Only then is a buffer of
///    that exact length rented.
/// </remarks>
internal static class ImageInput
{
    private const string DataScheme = "data:";

    /// <summary>Parses <paramref name="value"/>; an accepted result owns a rented buffer the caller disposes.</summary>
    public static ImageInputResult Parse(string? value, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.ThrowIfInvalid();
        if (string.IsNullOrEmpty(value))
        {
            return ImageInputResult.Refused(ImageRefusalReason.Empty, "The image is empty.");
        }

        ReadOnlySpan<char> payload = value;
        ImageFormat? declared = null;
        if (payload.StartsWith(DataScheme, StringComparison.OrdinalIgnoreCase))
        {
            var header = ParseDataUrlHeader(payload[DataScheme.Length..], out payload, out var format);
            if (header is not null)
            {
                return header;
            }

            declared = format;
        }

        if (MeasureBase64(payload, limits.MaxBytes, out var decodedLength) is { } refusal)
        {
            return ImageInputResult.Refused(refusal.Reason, refusal.Message);
        }

        var image = ImageBuffer.Rent(decodedLength);
        if (!Convert.TryFromBase64Chars(payload, image.WritableSpan, out var written) || written != decodedLength)
        {
            // MeasureBase64 validated the same span, so this is unreachable; fail closed all the same.
            image.Dispose();
            return ImageInputResult.Refused(ImageRefusalReason.InvalidBase64, "The image is not valid base64.");
        }

        return ImageInputResult.Accepted(image, declared);
    }

    /// <summary>
    /// Validates <paramref name="base64"/> and gives its exact decoded length without allocating; refuses
    /// it when that length is zero or above <paramref name="maxBytes"/>.
    /// </summary>
    internal static ImageRefusal? MeasureBase64(ReadOnlySpan<char> base64, int maxBytes, out int decodedLength)
    {
        decodedLength = 0;

        // Constant-time bound first: line-wrapped base64 is about 4/3 × bytes × 78/76, so a payload more
        // than twice the unwrapped length of maxBytes cannot be an image within the limit.
        var maxEncoded = ((long)maxBytes + 2) / 3 * 4;
        if (base64.Length > 2 * maxEncoded)
        {
            return TooManyBytes(maxBytes);
        }

        if (!Base64.IsValid(base64, out decodedLength))
        {
            decodedLength = 0;
            return new ImageRefusal(ImageRefusalReason.InvalidBase64, "The image is not valid base64 (standard alphabet, padded).");
        }

        if (decodedLength == 0)
        {
            return new ImageRefusal(ImageRefusalReason.Empty, "The image is empty.");
        }

        return decodedLength > maxBytes ? TooManyBytes(maxBytes) : null;
    }

    /// <summary>The supported image media types (case-insensitive), as formats.</summary>
    internal static ImageFormat? FormatOfMediaType(ReadOnlySpan<char> mediaType) => mediaType switch
    {
        _ when mediaType.Equals("image/png", StringComparison.OrdinalIgnoreCase) => ImageFormat.Png,
        _ when mediaType.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase) => ImageFormat.Jpeg,

        // Not registered with IANA, but browsers and SDKs send it often enough that refusing it would
        // only break clients; it can mean nothing but JPEG.
        _ when mediaType.Equals("image/jpg", StringComparison.OrdinalIgnoreCase) => ImageFormat.Jpeg,
        _ when mediaType.Equals("image/webp", StringComparison.OrdinalIgnoreCase) => ImageFormat.WebP,
        _ when mediaType.Equals("image/gif", StringComparison.OrdinalIgnoreCase) => ImageFormat.Gif,
        _ when mediaType.Equals("image/bmp", StringComparison.OrdinalIgnoreCase) => ImageFormat.Bmp,
        _ when mediaType.Equals("image/tiff", StringComparison.OrdinalIgnoreCase) => ImageFormat.Tiff,
        _ => null,
    };

    private static ImageInputResult? ParseDataUrlHeader(ReadOnlySpan<char> afterScheme, out ReadOnlySpan<char> payload, out ImageFormat format)
    {
        payload = default;
        format = default;
        var comma = afterScheme.IndexOf(',');
        if (comma < 0)
        {
            return ImageInputResult.Refused(ImageRefusalReason.MalformedDataUrl, "The data URL has no comma before its data.");
        }

        var header = afterScheme[..comma];
        payload = afterScheme[(comma + 1)..];
        var semicolon = header.IndexOf(';');
        var mediaType = (semicolon < 0 ? header : header[..semicolon]).Trim();
        if (FormatOfMediaType(mediaType) is not { } declared)
        {
            return ImageInputResult.Refused(
                ImageRefusalReason.UnsupportedMediaType,
                "The data URL's media type is not one of image/png, image/jpeg, image/webp, image/gif, image/bmp, image/tiff.");
        }

        var isBase64 = false;
        if (semicolon >= 0)
        {
            var parameters = header[(semicolon + 1)..];
            foreach (var range in parameters.Split(';'))
            {
                var parameter = parameters[range].Trim();
                if (isBase64)
                {
                    // RFC 2397: ";base64" is the last thing before the comma.
                    return ImageInputResult.Refused(ImageRefusalReason.MalformedDataUrl, "The data URL has parameters after ;base64.");
                }

                if (parameter.Equals("base64", StringComparison.OrdinalIgnoreCase))
                {
                    isBase64 = true;
                }
                else if (parameter.IndexOf('=') <= 0)
                {
                    return ImageInputResult.Refused(ImageRefusalReason.MalformedDataUrl, "The data URL has a parameter that is not name=value.");
                }
            }
        }

        if (!isBase64)
        {
            return ImageInputResult.Refused(ImageRefusalReason.InvalidBase64, "The data URL is not base64 (;base64 is missing).");
        }

        format = declared;
        return null;
    }

    private static ImageRefusal TooManyBytes(int maxBytes) =>
        new(ImageRefusalReason.TooManyBytes, $"The image is larger than the limit of {maxBytes} bytes.");
}
