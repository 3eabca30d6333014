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
