using Hub.Scanner.Ocr;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Ocr;

/// <summary>One shared pool of two engines for the OCR tests (each engine takes about 100 ms to start).</summary>
internal static class OcrTestKit
{
    private static readonly Lazy<OcrEnginePool> SharedPool = new(() =>
        new OcrEnginePool(Options.Create(Enabled()), NullLogger<OcrEnginePool>.Instance));

    public static OcrEnginePool Pool => SharedPool.Value;

    /// <summary>A reader over the shared pool; <paramref name="configure"/> changes its limits.</summary>
    public static OcrReader Reader(Action<OcrOptions>? configure = null)
    {
        var options = Enabled();
        configure?.Invoke(options);
        return new OcrReader(Pool, Options.Create(options), NullLogger<OcrReader>.Instance);
    }

    /// <summary>The scanner host with OCR on: one engine, and a deadline far above any OCR time (the machine may be busy).</summary>
    public static WebApplicationFactory<Program> WithOcr(this WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(web => web
            .UseSetting("Scanner:Ocr:Enabled", "true")
            .UseSetting("Scanner:Ocr:Engines", "1")
            .UseSetting("Scanner:Ocr:DeadlineMs", "120000"));

    /// <summary>The text without any whitespace: OCR may drop or add a space ("4111 1111 11111111").</summary>
    public static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// On, with a deadline far above any OCR time: the machine may be busy (strace, parallel test runs) and tests do not
    /// depend on speed; the deadline test sets its own.
    /// </summary>
    private static OcrOptions Enabled() => new() { Enabled = true, Engines = 2, DeadlineMs = 120_000 };
}
