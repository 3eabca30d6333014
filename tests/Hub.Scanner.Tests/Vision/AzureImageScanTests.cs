using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing.Fakes.AzureVision;
using Hub.Testing.Images;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Scanner.Tests.Vision;

/// <summary><c>POST /v1/scan</c> with Azure AI Vision as the OCR engine (its fake): findings from its words, and 503 when it fails.</summary>
public sealed class AzureImageScanTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime
{
    private FakeAzureVision azure = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => azure = await FakeAzureVision.StartAsync();

    public ValueTask DisposeAsync() => azure.DisposeAsync();

    [Fact]
    public async Task Scan_WordsAzureRead_AreScannedAndBoxed()
    {
        azure.Lines = [new FakeAzureLine([FakeAzureWord.At("SSN:", 40, 40, 50, 20), FakeAzureWord.At("078-05-1120", 100, 40, 130, 20)])];
        using var client = Scanner().CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/scan", new { images = new[] { Png() } }, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ssn = Assert.Single(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("entity").GetString() == "US_SSN");
        Assert.Equal(100, ssn.GetProperty("box").GetProperty("x").GetInt32());
        Assert.Single(azure.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(401)]
    public async Task Scan_AzureFailing_Answers503NothingScanned(int status)
    {
        azure.ErrorStatus = status;
        using var client = Scanner().CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/scan", new { texts = new[] { "hi" }, images = new[] { Png() } }, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("image scanning is unavailable", problem.GetProperty("title").GetString());
    }

    private WebApplicationFactory<Program> Scanner() => factory.WithWebHostBuilder(web => web
        .UseSetting("Scanner:Ocr:Enabled", "true")
        .UseSetting("Scanner:Ocr:Engine", "azure")
        .UseSetting("Scanner:Ocr:Azure:Endpoint", azure.Root)
        .UseSetting("Scanner:Ocr:Azure:Key", FakeAzureVision.ApiKey));

    private static string Png() => TestImages.Render(["SSN: 078-05-1120"], 400, 100).DataUrl;
}
