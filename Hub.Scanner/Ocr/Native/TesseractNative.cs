using System.Runtime.InteropServices;

namespace Hub.Scanner.Ocr.Native;

/// <summary>Tesseract 5.3 C API (Debian <c>libtesseract5</c>, capi.h). Handles are not thread-safe: one per thread.</summary>
internal static unsafe partial class TesseractNative
{
    private const string Library = "libtesseract.so.5";

    /// <summary>OEM_LSTM_ONLY.</summary>
    public const int OcrEngineModeLstm = 1;

    /// <summary>PSM_AUTO: page segmentation without orientation detection.</summary>
    public const int PageSegModeAuto = 3;

    /// <summary>RIL_WORD.</summary>
    public const int LevelWord = 3;

    [LibraryImport(Library, EntryPoint = "TessVersion")]
    public static partial nint Version();

    [LibraryImport(Library, EntryPoint = "TessBaseAPICreate")]
    public static partial TessBaseApiHandle BaseApiCreate();

    /// <summary>0 = ok. <paramref name="dataPath"/> null: the tessdata the library was built for.</summary>
    [LibraryImport(Library, EntryPoint = "TessBaseAPIInit4", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BaseApiInit4(TessBaseApiHandle api, string? dataPath, string language, int oem,
        nint configs, int configsSize, nint* varNames, nint* varValues, nuint varsSize, int setOnlyNonDebugParams);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetPageSegMode")]
    public static partial void BaseApiSetPageSegMode(TessBaseApiHandle api, int mode);

    /// <summary>Tesseract copies (clones) the PIX; the caller still owns it.</summary>
    [LibraryImport(Library, EntryPoint = "TessBaseAPISetImage2")]
    public static partial void BaseApiSetImage2(TessBaseApiHandle api, PixHandle pix);

    [LibraryImport(Library, EntryPoint = "TessBaseAPISetSourceResolution")]
    public static partial void BaseApiSetSourceResolution(TessBaseApiHandle api, int ppi);

    /// <summary>0 = ok, -1 = cancelled or the monitor's deadline passed (what was read so far stays readable).</summary>
    [LibraryImport(Library, EntryPoint = "TessBaseAPIRecognize")]
    public static partial int BaseApiRecognize(TessBaseApiHandle api, nint monitor);

    /// <summary>UTF-8 text, free with <see cref="DeleteText"/>.</summary>
    [LibraryImport(Library, EntryPoint = "TessBaseAPIGetUTF8Text")]
    public static partial nint BaseApiGetUtf8Text(TessBaseApiHandle api);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIGetIterator")]
    public static partial nint BaseApiGetIterator(TessBaseApiHandle api);

    /// <summary>Forgets the image and the results; the model stays loaded.</summary>
    [LibraryImport(Library, EntryPoint = "TessBaseAPIClear")]
    public static partial void BaseApiClear(TessBaseApiHandle api);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIEnd")]
    public static partial void BaseApiEnd(nint api);

    [LibraryImport(Library, EntryPoint = "TessBaseAPIDelete")]
    public static partial void BaseApiDelete(nint api);

    [LibraryImport(Library, EntryPoint = "TessDeleteText")]
    public static partial void DeleteText(nint text);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorDelete")]
    public static partial void ResultIteratorDelete(nint iterator);

    /// <summary>BOOL: false at the end.</summary>
    [LibraryImport(Library, EntryPoint = "TessResultIteratorNext")]
    public static partial int ResultIteratorNext(nint iterator, int level);

    /// <summary>UTF-8 text of the element, free with <see cref="DeleteText"/>; null on an empty page.</summary>
    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetUTF8Text")]
    public static partial nint ResultIteratorGetUtf8Text(nint iterator, int level);

    /// <summary>0–100.</summary>
    [LibraryImport(Library, EntryPoint = "TessResultIteratorConfidence")]
    public static partial float ResultIteratorConfidence(nint iterator, int level);

    [LibraryImport(Library, EntryPoint = "TessResultIteratorGetPageIteratorConst")]
    public static partial nint ResultIteratorGetPageIteratorConst(nint iterator);

    /// <summary>BOOL. Pixels of the original image; right and bottom are exclusive.</summary>
    [LibraryImport(Library, EntryPoint = "TessPageIteratorBoundingBox")]
    public static partial int PageIteratorBoundingBox(nint pageIterator, int level, out int left, out int top, out int right, out int bottom);

    /// <summary>An ETEXT_DESC: deadline and cancellation of one Recognize.</summary>
    [LibraryImport(Library, EntryPoint = "TessMonitorCreate")]
    public static partial nint MonitorCreate();

    [LibraryImport(Library, EntryPoint = "TessMonitorDelete")]
    public static partial void MonitorDelete(nint monitor);

    /// <summary>Deadline = now + <paramref name="milliseconds"/>.</summary>
    [LibraryImport(Library, EntryPoint = "TessMonitorSetDeadlineMSecs")]
    public static partial void MonitorSetDeadlineMSecs(nint monitor, int milliseconds);

    /// <summary>C++ <c>bool (*)(void* cancel_this, int words)</c>, asked between words.</summary>
    [LibraryImport(Library, EntryPoint = "TessMonitorSetCancelFunc")]
    public static partial void MonitorSetCancelFunc(nint monitor, delegate* unmanaged<nint, int, byte> cancel);

    [LibraryImport(Library, EntryPoint = "TessMonitorSetCancelThis")]
    public static partial void MonitorSetCancelThis(nint monitor, nint cancelThis);
}

/// <summary>A <c>TessBaseAPI*</c>: ended and deleted once, after the last call that uses it.</summary>
internal sealed class TessBaseApiHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        TesseractNative.BaseApiEnd(handle);
        TesseractNative.BaseApiDelete(handle);
        return true;
    }
}
