using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Scanner.Tests.Ocr;
using Hub.Testing.Images;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Scanner.Tests.Vision;

/// <summary>
/// <c>POST /v1/scan</c> with images under each of the policy's image settings, and <c>redacted_images</c>: the PNG to
/// forward, read again by OCR to prove the values are gone from its pixels.
/// </summary>
public sealed class ImagePolicyScanTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> ocrOn;
    private readonly WebApplicationFactory<Program> ocrOff;

    public ImagePolicyScanTests(WebApplicationFactory<Program> factory)
    {
        ocrOn = factory.WithOcr();
        ocrOff = factory;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TestImage Pii { get; } = TestImages.Render(TestImages.PiiLines);

    public static TheoryData<TestImageFormat, TestTheme> Variants() => new()
    {
        { TestImageFormat.Png, TestTheme.Light },
        { TestImageFormat.Jpeg, TestTheme.Dark },
        { TestImageFormat.Webp, TestTheme.Light },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Scan_RedactedEntities_RedactedImageReadAgainHoldsNoneOfThemButKeepsTheRest(TestImageFormat format, TestTheme theme)
    {
        using var client = ocrOn.CreateClient();
        var image = TestImages.Render(TestImages.PiiLines, format: format, theme: theme);

        var body = await ScanAsync(client, new { images = new[] { image.DataUrl } });

        Assert.False(body.GetProperty("blocked").GetBoolean());
        var png = Convert.FromBase64String(Assert.Single(body.GetProperty("redacted_images").EnumerateArray()).GetString()!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var before = OcrTestKit.Squeezed(OcrTestKit.Reader().Read(image.Bytes, Cancel).Text);
        var after = OcrTestKit.Squeezed(OcrTestKit.Reader().Read(png, Cancel).Text);
        foreach (var value in new[] { "123-45-6789", "john.doe@example.com", "4111" })
        {
            Assert.Contains(value, before, StringComparison.Ordinal);
            Assert.DoesNotContain(value, after, StringComparison.Ordinal);
        }

        Assert.Contains("Customerrecord", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FindingsOnlyLogged_ImageUnchanged()
    {
        using var client = ocrOn.CreateClient();

        var body = await ScanAsync(client, new { images = new[] { Pii.DataUrl }, policy = new { default_action = "LOG" } });

        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("entity").GetString() == "US_SSN");
        Assert.Equal(JsonValueKind.Null, Assert.Single(body.GetProperty("redacted_images").EnumerateArray()).ValueKind);
    }

    [Fact]
    public async Task Scan_BlockedRequest_RedactsNothing()
    {
        using var client = ocrOn.CreateClient();

        var body = await ScanAsync(client, new
        {
            images = new[] { Pii.DataUrl, Pii.DataUrl },
            policy = new { entities = new Dictionary<string, string> { ["US_SSN"] = "BLOCK" } },
        });

        Assert.True(body.GetProperty("blocked").GetBoolean());
        Assert.All(body.GetProperty("redacted_images").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.ValueKind));
    }

    [Fact]
    public async Task Scan_PolicyAllowsImages_NothingReadEvenWithOcrOff()
    {
        using var client = ocrOff.CreateClient();

        var body = await ScanAsync(client, new { images = new[] { Pii.DataUrl, "not even an image" }, policy = new { images = "allow" } });

        Assert.False(body.GetProperty("blocked").GetBoolean());
        Assert.Empty(body.GetProperty("findings").EnumerateArray());
        Assert.Equal(2, body.GetProperty("redacted_images").GetArrayLength());
    }

    [Fact]
    public async Task Scan_PolicyBlocksAllImages_OneUnreadImageFindingEach()
    {
        using var client = ocrOff.CreateClient();

        var body = await ScanAsync(client, new { texts = new[] { "hello" }, images = new[] { Pii.DataUrl, Pii.DataUrl }, policy = new { images = "block_all" } });

        Assert.True(body.GetProperty("blocked").GetBoolean());
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal([0, 1], findings.Select(f => f.GetProperty("image_index").GetInt32()));
        Assert.All(findings, f =>
        {
            Assert.Equal(("IMAGE", "BLOCK"), (f.GetProperty("entity").GetString(), f.GetProperty("action").GetString()));
            Assert.False(f.TryGetProperty("box", out _));
        });
    }

    [Fact]
    public async Task Scan_RemoteImageUnderRefuse_BlockedWithoutFetching()
    {
        using var client = ocrOn.CreateClient();

        var body = await ScanAsync(client, new { images = new[] { "https://images.example.com/statement.png", Pii.DataUrl }, policy = new { remote_images = "refuse" } });

        Assert.True(body.GetProperty("blocked").GetBoolean());
        var remote = Assert.Single(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("entity").GetString() == "REMOTE_IMAGE");
        Assert.Equal(0, remote.GetProperty("image_index").GetInt32());
        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("image_index").GetInt32() == 1);
    }

    [Theory]
    [InlineData("http://images.example.com/a.png")]
    [InlineData("ftp://images.example.com/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.7/a.png")]
    public async Task Scan_RemoteImageThatMayNotBeFetched_400NamingIt(string url)
    {
        using var client = ocrOn.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/scan", new { images = new[] { url } }, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("images[0]")[0].GetString()));
    }

    private static async Task<JsonElement> ScanAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/v1/scan", request, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        return body;
    }
}
