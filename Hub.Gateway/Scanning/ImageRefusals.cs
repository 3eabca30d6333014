using System.Globalization;
using System.Net;
using System.Text.Json;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Scanning;

/// <summary>
/// The scanner's refusals that concern a request's images: a 400 naming <c>images[i]</c> (broken base64, an
/// unsupported format, over the size limits, a remote image that could not be fetched) is the caller's to fix, so it
/// becomes a 400 naming the image's message; a 503 (the scanner reads no images: OCR off or its engine down) refuses
/// the request, since forwarding unread images would let anything through.
/// </summary>
internal static class ImageRefusals
{
    /// <returns>The error to answer with, or null when the response is not one of these.</returns>
    public static async Task<HubError?> ReadAsync(HttpResponseMessage response, IReadOnlyList<ScannableImage> images, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "image_scanning_unavailable",
                "The request holds images and image scanning is not available, so it was not sent. Try again shortly.");
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return null;
        }

        // A validation problem: {"errors":{"images[2]":["The image is larger than the limit of 20971520 bytes."]}}
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var problem = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        if (problem.RootElement.ValueKind != JsonValueKind.Object
            || !problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var error in errors.EnumerateObject())
        {
            if (IndexOf(error.Name) is { } index && index < images.Count)
            {
                var reason = error.Value.ValueKind == JsonValueKind.Array && error.Value.GetArrayLength() > 0
                    && error.Value[0].ValueKind == JsonValueKind.String ? error.Value[0].GetString() : null;
                var where = images[index].MessageIndex is { } m ? $"messages[{m}]" : "messages";
                return HubError.InvalidRequest(
                    $"Image {index} (in {where}) could not be read: {reason ?? "it is not a supported image."}", where, "invalid_image");
            }
        }

        return null;
    }

    /// <summary>2 for <c>images[2]</c>; null for any other key.</summary>
    private static int? IndexOf(string key) =>
        key.StartsWith("images[", StringComparison.Ordinal) && key.EndsWith(']')
        && int.TryParse(key.AsSpan(7, key.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
}
