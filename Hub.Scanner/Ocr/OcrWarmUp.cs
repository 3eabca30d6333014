using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

/// <summary>
/// Starts the pool's engines at boot (about 100 ms each) so the first images do not pay for it, and so a missing
/// Tesseract stops the process at start rather than at the first image. Does nothing when OCR is off: a scanner without
/// OCR needs no Tesseract installed.
/// </summary>
internal sealed class OcrWarmUp(IOptions<OcrOptions> options, OcrEnginePool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            pool.WarmUp();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
