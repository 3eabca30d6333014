extern alias scanner;

using Hub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Gateway.Tests.Vision;

/// <summary>Fail closed: a gateway whose scanner reads no images (OCR off) refuses requests with images and forwards nothing.</summary>
public sealed class ImageScanningUnavailableTests(GatewayFixture fixture) : IAsyncLifetime
{
    private WebApplicationFactory<scanner::Program> scannerWithoutOcr = null!;
    private SideGateway gateway = null!;

    public ValueTask InitializeAsync()
    {
        (scannerWithoutOcr, var scannerUrl) = KestrelTestServer.Start<scanner::Program>(KestrelTestServer.QuietSettings());
        gateway = SideGateway.Start(fixture, settings => settings["services:scanner:http:0"] = scannerUrl.ToString().TrimEnd('/'));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        await scannerWithoutOcr.DisposeAsync();
    }

    [Fact]
    public async Task ImageWhileTheScannerReadsNone_503ImageScanningUnavailable_TextAloneStillServed()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = gateway.CreateClient(tenant.ProjectKey);
        var marker = $"marker-{Guid.NewGuid():N}";
        var image = Hub.Testing.Images.TestImages.Render(["hello"], 200, 80).DataUrl;

        using var withImage = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json($$$"""
            {"model":"fake/fake-model","messages":[{"role":"user","content":[{"type":"text","text":"{{{marker}}}"},{"type":"image_url","image_url":{"url":"{{{image}}}"}}]}]}
            """), TestContext.Current.CancellationToken);
        using var textOnly = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json("""
            {"model":"fake/fake-model","messages":[{"role":"user","content":"no image here"}]}
            """), TestContext.Current.CancellationToken);

        await OpenAIAssert.ErrorAsync(withImage, 503, "service_unavailable_error", "image_scanning_unavailable");
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(200, (int)textOnly.StatusCode);
    }
}
