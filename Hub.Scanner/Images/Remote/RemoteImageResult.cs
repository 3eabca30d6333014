using System.Diagnostics.CodeAnalysis;

namespace Hub.Scanner.Images.Remote;

/// <summary>
/// A fetched image's bytes exactly as served (dispose to return them to the pool), or why it was not fetched,
/// in words safe to return to the client: never the address connected to, never the response body.
/// </summary>
internal sealed class RemoteImageResult : IDisposable
{
    private RemoteImageResult(ImageBuffer? image, string? refusal)
    {
        Image = image;
        Refusal = refusal;
    }

    public ImageBuffer? Image { get; }

    public string? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Fetched => Image is not null;

    public static RemoteImageResult Success(ImageBuffer image) => new(image ?? throw new ArgumentNullException(nameof(image)), null);

    public static RemoteImageResult Refused(string refusal) => new(null, refusal);

    public void Dispose() => Image?.Dispose();
}
