using System.Runtime.InteropServices;

namespace Hub.Scanner.Ocr.Native;

/// <summary>The C library: only to put variables into the native environment.</summary>
internal static partial class LibC
{
    /// <summary>
    /// POSIX <c>setenv</c>. <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change the native
    /// <c>environ</c> on Linux, and libgomp reads it once, when it is loaded (docs: shared/research/ocr-ner.md).
    /// </summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);
}
