using System.Runtime.InteropServices;

namespace Hub.Scanner.Ocr.Native;

/// <summary>Leptonica 1.82 (Debian <c>liblept5</c>): decoding from memory, nothing touches the disk.</summary>
internal static unsafe partial class LeptonicaNative
{
    private const string Library = "liblept.so.5";

    /// <summary>L_SEVERITY_NONE: Leptonica's own messages off (libpng/libjpeg may still print one line).</summary>
    public const int SeverityNone = 6;

    /// <summary>Decodes PNG, JPEG, WebP, GIF, TIFF, BMP, PNM, JP2; an invalid handle on failure, never a crash.</summary>
    [LibraryImport(Library, EntryPoint = "pixReadMem")]
    public static partial PixHandle PixReadMem(byte* data, nuint size);

    /// <summary>Format and size from the header only; 0 = ok, 1 = unreadable.</summary>
    [LibraryImport(Library, EntryPoint = "pixReadHeaderMem")]
    public static partial int PixReadHeaderMem(byte* data, nuint size, out int format, out int width, out int height,
        out int bitsPerSample, out int samplesPerPixel, out int hasColormap);

    [LibraryImport(Library, EntryPoint = "pixDestroy")]
    public static partial void PixDestroy(ref nint pix);

    [LibraryImport(Library, EntryPoint = "pixGetWidth")]
    public static partial int PixGetWidth(PixHandle pix);

    [LibraryImport(Library, EntryPoint = "pixGetHeight")]
    public static partial int PixGetHeight(PixHandle pix);

    [LibraryImport(Library, EntryPoint = "pixGetSpp")]
    public static partial int PixGetSpp(PixHandle pix);

    /// <summary>Samples per pixel of a 32 bpp image: 3 (RGB) or 4 (RGBA); 0 = ok.</summary>
    [LibraryImport(Library, EntryPoint = "pixSetSpp")]
    public static partial int PixSetSpp(PixHandle pix, int samplesPerPixel);

    /// <summary>A new 32 bpp image from any depth or colormap (a copy when already 32 bpp, never a clone).</summary>
    [LibraryImport(Library, EntryPoint = "pixConvertTo32")]
    public static partial PixHandle PixConvertTo32(PixHandle pix);

    /// <summary>Whether every alpha sample of a 32 bpp, 4 spp image is 255; 0 = ok.</summary>
    [LibraryImport(Library, EntryPoint = "pixAlphaIsOpaque")]
    public static partial int PixAlphaIsOpaque(PixHandle pix, out int opaque);

    /// <summary>Blends an RGBA image over white into a new RGB one; a clone (same pixels, one more reference) otherwise.</summary>
    [LibraryImport(Library, EntryPoint = "pixRemoveAlpha")]
    public static partial PixHandle PixRemoveAlpha(PixHandle pix);

    /// <summary>PIX_CLR: every bit of the rectangle cleared (0x00000000, black in 32 bpp RGB); no source image.</summary>
    public const int RasterOpClear = 0x0;

    /// <summary>
    /// Applies <paramref name="op"/> to the rectangle of <paramref name="destination"/>, clipped to the image by
    /// Leptonica itself; with <see cref="RasterOpClear"/> the source is ignored (NULL). 0 = ok.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "pixRasterop")]
    public static partial int PixRasterop(PixHandle destination, int x, int y, int width, int height, int op,
        nint source, int sourceX, int sourceY);

    /// <summary>IFF_PNG in imageio.h.</summary>
    public const int FormatPng = 3;

    /// <summary>Encodes into a buffer Leptonica allocates (free it with <see cref="LeptFree"/>); 0 = ok.</summary>
    [LibraryImport(Library, EntryPoint = "pixWriteMem")]
    public static partial int PixWriteMem(out nint data, out nuint size, PixHandle pix, int format);

    [LibraryImport(Library, EntryPoint = "lept_free")]
    public static partial void LeptFree(nint data);

    [LibraryImport(Library, EntryPoint = "setMsgSeverity")]
    public static partial int SetMsgSeverity(int severity);
}

/// <summary>A Leptonica <c>PIX*</c>, destroyed once.</summary>
internal sealed class PixHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        var pix = handle;
        LeptonicaNative.PixDestroy(ref pix);
        return true;
    }
}
