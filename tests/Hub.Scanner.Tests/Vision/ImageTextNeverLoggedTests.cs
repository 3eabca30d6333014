using System.Net.Http.Json;
using Hub.Testing;
using Hub.Testing.Images;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Hub.Scanner.Tests.Vision;

/// <summary>Neither an image's bytes nor the text read from it may reach a log line, at any level, on success or refusal.</summary>
public sealed class ImageTextNeverLoggedTests : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private readonly WebApplicationFactory<Program> factory;

    public ImageTextNeverLoggedTests(WebApplicationFactory<Program> factory) =>
        this.factory = factory.WithWebHostBuilder(web => web
            .UseSetting("Scanner:Ocr:Enabled", "true")
            .UseSetting("Scanner:Ocr:Engines", "1")
            .UseSetting("Scanner:Ocr:DeadlineMs", "120000")
            .ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace)));

    public void Dispose() => logs.Dispose();

    [Fact]
    public async Task Scan_ReadAndRefusedImages_LogNoTextAndNoBytes()
    {
        var image = TestImages.Render(TestImages.PiiLines, font: TestFont.Mono);
        var base64 = Convert.ToBase64String(image.Bytes);
        var truncated = base64[..(base64.Length / 2 / 4 * 4)];
        using var client = factory.CreateClient();

        using var read = await client.PostAsJsonAsync("/v1/scan", new { images = new[] { base64 } }, TestContext.Current.CancellationToken);
        using var refused = await client.PostAsJsonAsync("/v1/scan", new { images = new[] { truncated } }, TestContext.Current.CancellationToken);

        Assert.Equal((200, 400), ((int)read.StatusCode, (int)refused.StatusCode));
        Assert.Contains(logs.Lines, line => line.Contains("/v1/scan", StringComparison.Ordinal)); // the capture works
        foreach (var secret in new[] { "123-45-6789", "john.doe@example.com", "4111", base64[100..140] })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
