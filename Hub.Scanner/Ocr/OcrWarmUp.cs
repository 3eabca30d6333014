using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

/// <summary>
/// Starts the pool's engines at boot (about 100 ms each) so the first images do not pay for it, and so a missing
/// Tesseract stops the process at start rather than at the first image. Does nothing when OCR is off or Azure AI Vision is
/// the engine: such a scanner needs no Tesseract installed.
/// </summary>
internal sealed class OcrWarmUp(IOptions<OcrOptions> options, OcrEnginePool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is { Enabled: true, UsesAzure: false })
        {
            pool.WarmUp();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
