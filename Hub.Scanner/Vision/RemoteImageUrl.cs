namespace Hub.Scanner.Vision;

/// <summary>
/// Tells an image URL from inline data: base64 has no <c>:</c>, and a data URL starts with <c>data:</c>, so anything else
/// with a scheme is a URL (which <see cref="Images.Remote.RemoteImageFetcher"/> fetches only over https).
/// </summary>
internal static class RemoteImageUrl
{
    public static bool IsUrl(string value)
    {
        var colon = value.AsSpan(0, Math.Min(value.Length, 32)).IndexOf(':');
        return colon > 0 && !value.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
    }
}
