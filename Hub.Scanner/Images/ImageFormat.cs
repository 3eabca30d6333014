namespace Hub.Scanner.Images;

/// <summary>The raster formats an image part may carry (issue #9), recognised by magic bytes.</summary>
internal enum ImageFormat
{
    Png,
    Jpeg,
    WebP,
    Gif,
    Bmp,
    Tiff,
}
