namespace Hub.Scanner.Ocr.Native;

/// <summary>Process-wide settings that must be in place before the first Tesseract or Leptonica call.</summary>
internal static class OcrNativeRuntime
{
    private static readonly Lock Gate = new();
    private static bool initialized;

    /// <summary>
    /// <para>
    /// <c>OMP_THREAD_LIMIT=1</c>: Debian's libtesseract is built with OpenMP, and libgomp reads its variables once, when
    /// libtesseract loads it — the first P/Invoke into it. With the default it is 5–9× slower on 2 cores (1920×1080: 926 ms
    /// → 203 ms) and spins in system time; parallelism comes from the pool instead (one engine per core). Overwritten on
    /// purpose: a larger value set by the operator would only make every engine slower. See shared/research/ocr-ner.md.
    /// </para>
    /// <para>Leptonica's own messages are turned off; a broken image is a refusal, not a line on stderr.</para>
    /// </summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (initialized)
            {
                return;
            }

            if (LibC.SetEnv("OMP_THREAD_LIMIT", "1", 1) != 0)
            {
                throw new InvalidOperationException("setenv(OMP_THREAD_LIMIT) failed.");
            }

            _ = LeptonicaNative.SetMsgSeverity(LeptonicaNative.SeverityNone); // returns the previous severity
            initialized = true;
        }
    }
}
