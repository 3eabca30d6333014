using Hub.Scanner.Ocr;
using Hub.Scanner.Ocr.Azure;
using Hub.Testing.Fakes.AzureVision;
using Hub.Testing.Images;
using Microsoft.Extensions.Hosting;

namespace Hub.Scanner.Tests.Ocr.Azure;

public sealed class AzureVisionReaderTests : IAsyncLifetime
{
    private readonly List<IHost> hosts = [];
    private FakeAzureVision fake = null!;

    public async ValueTask InitializeAsync() => fake = await FakeAzureVision.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        await fake.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_DocumentedAnswer_GivesLinesWordsAndBoundingRectangles()
    {
        fake.Lines =
        [
            new([FakeAzureWord.At("Customer:", 40, 30, 120, 24, 0.998), FakeAzureWord.At("John", 170, 31, 60, 24, 0.97)]),
            // A slanted word: its box is the polygon's bounding rectangle.
            new([FakeAzureWord.At("SSN", 40, 80, 50, 24), new FakeAzureWord("123-45-6789", [(100, 82), (250, 78), (252, 104), (101, 108)], 0.91)]),
        ];

        var result = await AzureVisionTestKit.Reader(await StartedHost()).ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct);

        Assert.Null(result.Refusal);
        Assert.False(result.TimedOut);
        Assert.Equal("Customer: John\nSSN 123-45-6789", result.Text);
        Assert.Equal((800, 600), (result.Width, result.Height));
        Assert.Equal(["Customer:", "John", "SSN", "123-45-6789"], result.Words.Select(w => w.Text));
        Assert.Equal(new OcrBox(40, 30, 120, 24), result.Words[0].Box);
        Assert.Equal(new OcrBox(100, 78, 152, 30), result.Words[3].Box);
        Assert.Equal(0.998f, result.Words[0].Confidence, 3);
        Assert.Equal(0.91f, result.Words[3].Confidence, 3);
    }

    [Fact]
    public async Task Read_NoText_ReadsNothing()
    {
        var result = await AzureVisionTestKit.Reader(await StartedHost()).ReadAsync(TestImages.Render([]).Bytes, Ct);

        Assert.Null(result.Refusal);
        Assert.Empty(result.Words);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public async Task Read_SendsTheKeyHeaderTheReadQueryAndTheImageBytes()
    {
        var image = TestImages.Render(TestImages.PiiLines, format: TestImageFormat.Jpeg);

        await AzureVisionTestKit.Reader(await StartedHost()).ReadAsync(image.Bytes, Ct);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("/computervision/imageanalysis:analyze?api-version=2024-02-01&features=read", request.PathAndQuery);
        Assert.Equal(FakeAzureVision.ApiKey, request.Headers["ocp-apim-subscription-key"]);
        Assert.Equal("application/octet-stream", request.ContentType);
        Assert.Equal(image.Bytes, request.Body);
    }

    [Fact]
    public async Task Read_EndpointWithPathAndTrailingSlash_KeepsThePath()
    {
        using var host = AzureVisionTestKit.Host(fake, new() { ["Scanner:Ocr:Azure:Endpoint"] = fake.Root + "/proxy/" });
        await host.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<OcrEngineUnavailableException>(() => AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render([]).Bytes, Ct).AsTask());

        Assert.Equal(404, error.StatusCode);

        Assert.StartsWith("/proxy/computervision/imageanalysis:analyze?", Assert.Single(fake.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> OverLimits() => new()
    {
        { "empty", [], nameof(OcrRefusal.Empty) },
        { "16000×16000 header", TestImages.PngHeaderOnly(16_000, 16_000), nameof(OcrRefusal.TooManyPixels) },
        { "16001 px a side (Azure's limit)", TestImages.PngHeaderOnly(16_001, 100), nameof(OcrRefusal.TooManyPixels) },
        { "random bytes", RandomBytes(), nameof(OcrRefusal.UnreadableHeader) },
        { "truncated header", TestImages.PngHeaderOnly(640, 480)[..20], nameof(OcrRefusal.UnreadableHeader) },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task Read_ImageOverTheLimitsOrUnreadable_IsRefusedAndNothingIsSent(string name, byte[] image, string expected)
    {
        var result = await AzureVisionTestKit.Reader(await StartedHost()).ReadAsync(image, Ct);

        Assert.True(Enum.Parse<OcrRefusal>(expected) == result.Refusal, $"{name}: {result.Refusal}");
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Read_MoreBytesThanMaxBytes_IsRefusedAndNothingIsSent()
    {
        var image = TestImages.Render(TestImages.PiiLines).Bytes;
        var host = await StartedHost(new() { ["Scanner:Ocr:MaxBytes"] = $"{image.Length - 1}" });

        var result = await AzureVisionTestKit.Reader(host).ReadAsync(image, Ct);

        Assert.Equal(OcrRefusal.TooManyBytes, result.Refusal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Read_MorePixelsThanMaxPixels_IsRefusedAndNothingIsSent()
    {
        var host = await StartedHost(new() { ["Scanner:Ocr:MaxPixels"] = $"{800 * 600 - 1}" });

        var result = await AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render(TestImages.PiiLines, 800, 600).Bytes, Ct);

        Assert.Equal(OcrRefusal.TooManyPixels, result.Refusal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Read_OcrDisabled_IsRefusedAndNothingIsSent()
    {
        var host = await StartedHost(new() { ["Scanner:Ocr:Enabled"] = "false" });

        var result = await AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct);

        Assert.Equal(OcrRefusal.Disabled, result.Refusal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Read_AzureSlowerThanTimeoutMs_TimesOutWithNothingRead()
    {
        fake.Lines = [new([FakeAzureWord.At("late", 10, 10, 40, 20)])];
        fake.Delay = TimeSpan.FromMinutes(2);
        var host = await StartedHost(new() { ["Scanner:Ocr:Azure:TimeoutMs"] = "200" });

        var result = await AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct);

        Assert.True(result.TimedOut);
        Assert.Null(result.Refusal);
        Assert.Empty(result.Words);
        Assert.Equal("", result.Text);
        Assert.Equal((800, 600), (result.Width, result.Height));
    }

    [Fact]
    public async Task Read_CallerCancels_ThrowsRatherThanTimingOut()
    {
        fake.Delay = TimeSpan.FromMinutes(2);
        var reader = AzureVisionTestKit.Reader(await StartedHost(new() { ["Scanner:Ocr:Azure:TimeoutMs"] = "600000" }));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, cancel.Token).AsTask());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Read_AzureAnswersAnError_ThrowsEngineUnavailable(int status)
    {
        fake.ErrorStatus = status;
        var reader = AzureVisionTestKit.Reader(await StartedHost());

        var error = await Assert.ThrowsAsync<OcrEngineUnavailableException>(() =>
            reader.ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct).AsTask());

        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WrongKey_IsRejectedByAzureAndThrows()
    {
        var host = await StartedHost(new() { ["Scanner:Ocr:Azure:Key"] = "not-the-key" });

        var error = await Assert.ThrowsAsync<OcrEngineUnavailableException>(() =>
            AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct).AsTask());

        Assert.Equal(401, error.StatusCode);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("""{"modelVersion":"2023-10-01","metadata":{"width":800,"height":600}}""")]
    [InlineData("""{"metadata":{"width":0,"height":0},"readResult":{"blocks":[]}}""")]
    [InlineData("""{"metadata":{"width":800,"height":600},"readResult":{"blocks":[{"lines":[{"text":"a","words":[{"text":"a","confidence":0.9}]}]}]}}""")]
    [InlineData("""{"metadata":{"width":800,"height":600},"readResult":{"blocks":[{"lines":[{"text":"a","words":[{"boundingPolygon":[{"x":1,"y":1}],"confidence":0.9}]}]}]}}""")]
    [InlineData("""{"metadata":{"width":"wide","height":600},"readResult":{"blocks":[]}}""")]
    public async Task Read_AnswerNotAReadResult_ThrowsEngineUnavailable(string answer)
    {
        fake.RawAnswer = answer;
        var reader = AzureVisionTestKit.Reader(await StartedHost());

        var error = await Assert.ThrowsAsync<OcrEngineUnavailableException>(() =>
            reader.ReadAsync(TestImages.Render(TestImages.PiiLines).Bytes, Ct).AsTask());

        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task Read_AnswerLargerThanTheCap_ThrowsEngineUnavailableWithoutReadingItAll()
    {
        // A valid read result, padded with whitespace past the cap: only the cap makes it fail.
        fake.RawAnswer = fake.Answer() + new string(' ', AzureVisionReader.MaxResponseBytes);
        var reader = AzureVisionTestKit.Reader(await StartedHost());

        await Assert.ThrowsAsync<OcrEngineUnavailableException>(() => reader.ReadAsync(TestImages.Render([]).Bytes, Ct).AsTask());
    }

    [Fact]
    public async Task Read_BoxesOutsideTheImage_AreClampedIntoIt()
    {
        fake.Lines = [new([new FakeAzureWord("edge", [(-5, -3), (900, -3), (900, 700), (-5, 700)])])];

        var result = await AzureVisionTestKit.Reader(await StartedHost()).ReadAsync(TestImages.Render([]).Bytes, Ct);

        Assert.Equal(new OcrBox(0, 0, 800, 600), Assert.Single(result.Words).Box);
    }

    [Fact]
    public async Task Read_NobodyListening_ThrowsEngineUnavailable()
    {
        var gone = await FakeAzureVision.StartAsync();
        var root = gone.Root;
        await gone.DisposeAsync();
        using var host = AzureVisionTestKit.Host(fake, new() { ["Scanner:Ocr:Azure:Endpoint"] = root });
        await host.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<OcrEngineUnavailableException>(() =>
            AzureVisionTestKit.Reader(host).ReadAsync(TestImages.Render([]).Bytes, Ct).AsTask());

        Assert.Null(error.StatusCode);
    }


    private async Task<IHost> StartedHost(Dictionary<string, string?>? overrides = null)
    {
        var host = AzureVisionTestKit.Host(fake, overrides);
        hosts.Add(host);
        await host.StartAsync(Ct);
        Assert.IsType<AzureVisionReader>(AzureVisionTestKit.Reader(host));
        return host;
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[20_000];
        new Random(9).NextBytes(bytes);
        return bytes;
    }
}
