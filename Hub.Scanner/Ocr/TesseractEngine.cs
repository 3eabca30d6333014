using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hub.Scanner.Ocr.Native;

namespace Hub.Scanner.Ocr;

/// <summary>
/// One Tesseract engine (a <c>TessBaseAPI</c> with the English LSTM model loaded). Not thread-safe: used by one caller at a
/// time, which <see cref="OcrEnginePool"/> guarantees.
/// </summary>
internal sealed unsafe class TesseractEngine : IDisposable
{
    /// <summary>Screenshots: stops Tesseract from estimating a resolution (and warning about it) for every image.</summary>
    private const int ScreenResolutionPpi = 96;

    private readonly TessBaseApiHandle api;

    private TesseractEngine(TessBaseApiHandle api) => this.api = api;

    /// <summary>Loads the model (about 100 ms); throws when Tesseract or its English data is missing.</summary>
    public static TesseractEngine Create()
    {
        OcrNativeRuntime.EnsureInitialized();
        var api = TesseractNative.BaseApiCreate();
        if (api.IsInvalid)
        {
            api.Dispose();
            throw new InvalidOperationException("TessBaseAPICreate failed.");
        }

        // debug_file: Tesseract writes its diagnostics to stderr otherwise. Set at Init so that loading is quiet too.
        var name = Marshal.StringToCoTaskMemUTF8("debug_file");
        var value = Marshal.StringToCoTaskMemUTF8("/dev/null");
        try
        {
            var rc = TesseractNative.BaseApiInit4(api, null, "eng", TesseractNative.OcrEngineModeLstm, 0, 0, &name, &value, 1, 0);
            if (rc != 0)
            {
                api.Dispose();
                throw new InvalidOperationException(
                    "Tesseract could not load its English model (install tesseract-ocr-eng: ./hub.sh installs it).");
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
            Marshal.FreeCoTaskMem(value);
        }

        TesseractNative.BaseApiSetPageSegMode(api, TesseractNative.PageSegModeAuto);
        return new TesseractEngine(api);
    }

    /// <summary>
    /// Reads one decoded image. Step 1: hand the image over; 2: recognise under a monitor with the deadline and the token;
    /// 3: collect the page text and each word's box; 4: forget the image (the model stays loaded).
    /// </summary>
    /// <returns>The text, the words and whether the deadline passed; throws when <paramref name="cancellationToken"/> fired.</returns>
    public (string Text, List<OcrWord> Words, bool TimedOut) Recognize(PixHandle pix, int deadlineMs, CancellationToken cancellationToken)
    {
        // Step 1
        TesseractNative.BaseApiSetImage2(api, pix);
        TesseractNative.BaseApiSetSourceResolution(api, ScreenResolutionPpi);

        var monitor = TesseractNative.MonitorCreate();
        var token = new StrongBox<CancellationToken>(cancellationToken);
        var tokenHandle = GCHandle.Alloc(token);
        try
        {
            // Step 2
            TesseractNative.MonitorSetCancelFunc(monitor, &ShouldCancel);
            TesseractNative.MonitorSetCancelThis(monitor, GCHandle.ToIntPtr(tokenHandle));
            TesseractNative.MonitorSetDeadlineMSecs(monitor, deadlineMs);
            var rc = TesseractNative.BaseApiRecognize(api, monitor);
            cancellationToken.ThrowIfCancellationRequested();

            // Step 3
            var text = TakeText(TesseractNative.BaseApiGetUtf8Text(api));
            return (text, ReadWords(), TimedOut: rc != 0);
        }
        finally
        {
            // Step 4
            TesseractNative.MonitorDelete(monitor);
            tokenHandle.Free();
            TesseractNative.BaseApiClear(api);
        }
    }

    public void Dispose() => api.Dispose();

    private List<OcrWord> ReadWords()
    {
        var words = new List<OcrWord>();
        var iterator = TesseractNative.BaseApiGetIterator(api);
        if (iterator == 0)
        {
            return words;
        }

        try
        {
            var page = TesseractNative.ResultIteratorGetPageIteratorConst(iterator);
            do
            {
                var text = TakeText(TesseractNative.ResultIteratorGetUtf8Text(iterator, TesseractNative.LevelWord));
                if (text.Length == 0
                    || TesseractNative.PageIteratorBoundingBox(page, TesseractNative.LevelWord, out var left, out var top, out var right, out var bottom) == 0)
                {
                    continue;
                }

                words.Add(new OcrWord(text, new OcrBox(left, top, right - left, bottom - top), TesseractNative.ResultIteratorConfidence(iterator, TesseractNative.LevelWord)));
            }
            while (TesseractNative.ResultIteratorNext(iterator, TesseractNative.LevelWord) != 0);
        }
        finally
        {
            TesseractNative.ResultIteratorDelete(iterator);
        }

        return words;
    }

    /// <summary>Copies a Tesseract string and frees it; "" for null.</summary>
    private static string TakeText(nint text)
    {
        if (text == 0)
        {
            return "";
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            TesseractNative.DeleteText(text);
        }
    }

    [UnmanagedCallersOnly]
    private static byte ShouldCancel(nint cancelThis, int words)
    {
        var token = (StrongBox<CancellationToken>)GCHandle.FromIntPtr(cancelThis).Target!;
        return token.Value.IsCancellationRequested ? (byte)1 : (byte)0;
    }
}
