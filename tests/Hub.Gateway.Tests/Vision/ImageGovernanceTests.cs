using System.Net;
using System.Text;
using System.Text.Json;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Hub.Testing.Images;

namespace Hub.Gateway.Tests.Vision;

/// <summary>Images in chat requests, through the real gateway, scanner and Tesseract (#9): blocked, redacted in the pixels, or as the policy says.</summary>
public sealed class ImageGovernanceTests(GatewayFixture fixture)
{
    /// <summary>SSN, e-mail and card in the proportional font, where OCR reads the card as "4111 111111111111".</summary>
    private static TestImage Pii { get; } = TestImages.Render(TestImages.PiiLines);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlockedEntityInAnImage_400WithImageAndMessageIndex_NothingSentUpstream()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"entities":{"US_SSN":"BLOCK"}}""");
        var marker = Marker();

        using var response = await PostAsync(tenant, Body("fake/fake-model", marker, Pii.DataUrl, before: """{"role":"system","content":"Be brief."},"""));

        var error = await ViolationAsync(response);
        var ssn = Assert.Single(error.GetProperty("violations").EnumerateArray(), v => v.GetProperty("entity").GetString() == "US_SSN");
        Assert.Equal("BLOCK", ssn.GetProperty("action").GetString());
        Assert.Equal(1, ssn.GetProperty("message_index").GetInt32());
        Assert.Equal(0, ssn.GetProperty("image_index").GetInt32());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));

        var (_, audit) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Contains(audit.Entities, e => e.Entity == "US_SSN" && e.Action == "BLOCK");
    }

    [Fact]
    public async Task RedactedEntitiesInAnImage_UpstreamGetsAPngWithoutThem_EveryOtherByteUnchanged()
    {
        var tenant = await fixture.NewTenantAsync();
        var marker = Marker();
        var original = Pii.DataUrl;
        var body = Body("fake/fake-model", marker, original);

        using var response = await PostAsync(tenant, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var violations = response.Headers.GetValues("x-hub-violations").Single().Split(',');
        Assert.Contains("US_SSN", violations);
        Assert.Contains("EMAIL_ADDRESS", violations);
        Assert.Contains("CREDIT_CARD", violations);
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        var sent = ImageUrlOf(forwarded);
        Assert.StartsWith("data:image/png;base64,", sent, StringComparison.Ordinal);
        Assert.NotEqual(original, sent);
        Assert.Equal(body.Replace("fake/fake-model", "fake-model", StringComparison.Ordinal).Replace(original, sent, StringComparison.Ordinal), forwarded);

        // The proof: what the provider received, read again by OCR, holds none of the values.
        Assert.Contains("CREDIT_CARD", await ScanAsync(original));
        Assert.DoesNotContain(await ScanAsync(sent), e => e is "US_SSN" or "EMAIL_ADDRESS" or "CREDIT_CARD");
    }

    [Fact]
    public async Task NothingFoundInAnImage_ForwardedByteForByte()
    {
        var tenant = await fixture.NewTenantAsync();
        var marker = Marker();
        var plain = TestImages.Render(["Quarterly chart", "Revenue grew in every region"], format: TestImageFormat.Jpeg).DataUrl;
        var body = Body("fake/fake-model", marker, plain);

        using var response = await PostAsync(tenant, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        Assert.Equal(body.Replace("fake/fake-model", "fake-model", StringComparison.Ordinal), forwarded);
    }

    [Fact]
    public async Task PolicyBlocksAllImages_400NamingEachImage()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"images":"block_all"}""");
        var marker = Marker();

        using var response = await PostAsync(tenant, Body("fake/fake-model", marker, TestImages.Render(["Nothing secret"]).DataUrl));

        var error = await ViolationAsync(response);
        var image = Assert.Single(error.GetProperty("violations").EnumerateArray());
        Assert.Equal("IMAGE", image.GetProperty("entity").GetString());
        Assert.Equal(0, image.GetProperty("image_index").GetInt32());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolicyAllowsImages_ForwardedUnreadEvenWithPii()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"images":"allow"}""");
        var marker = Marker();
        var body = Body("fake/fake-model", marker, Pii.DataUrl);

        using var response = await PostAsync(tenant, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", response.Headers.GetValues("x-hub-violations").Single());
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        Assert.Equal(body.Replace("fake/fake-model", "fake-model", StringComparison.Ordinal), forwarded);
    }

    [Fact]
    public async Task PolicyRefusesRemoteImages_400RemoteImage()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"remote_images":"refuse"}""");
        var marker = Marker();

        using var response = await PostAsync(tenant, Body("fake/fake-model", marker, "https://images.example.com/chart.png"));

        var error = await ViolationAsync(response);
        Assert.Equal("REMOTE_IMAGE", Assert.Single(error.GetProperty("violations").EnumerateArray()).GetProperty("entity").GetString());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoteImage_FetchedOnceByHubAndForwardedAsTheRedactedPng_TheProviderNeverGetsTheUrl()
    {
        await using var server = await ImageServer.StartAsync();
        var name = $"statement-{Guid.NewGuid():N}";
        var url = server.Serve(name, Pii.Bytes);
        var tenant = await fixture.NewTenantAsync();
        var marker = Marker();

        using var response = await PostAsync(tenant, Body("fake/fake-model", marker, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([name], server.Fetched.Where(n => n == name));
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        Assert.DoesNotContain(url, forwarded, StringComparison.Ordinal);
        var sent = ImageUrlOf(forwarded);
        Assert.StartsWith("data:image/png;base64,", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(await ScanAsync(sent), e => e is "US_SSN" or "EMAIL_ADDRESS" or "CREDIT_CARD");
    }

    [Fact]
    public async Task RemoteImageThatCannotBeFetched_400InvalidImage()
    {
        await using var server = await ImageServer.StartAsync();
        var tenant = await fixture.NewTenantAsync();

        using var response = await PostAsync(tenant, Body("fake/fake-model", Marker(), $"{server.Root}/missing.png"));

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_image");
        Assert.Equal("messages[0]", error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("data:image/png;base64,@@not base64@@")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("aGVsbG8gd29ybGQ=")]
    public async Task UnreadableImage_400InvalidImageNamingItsMessage(string url)
    {
        var tenant = await fixture.NewTenantAsync();
        var marker = Marker();

        using var response = await PostAsync(tenant, Body("fake/fake-model", marker, url, before: """{"role":"system","content":"Be brief."},"""));

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_image");
        Assert.Equal("messages[1]", error.GetProperty("param").GetString());
        Assert.StartsWith("Image 0 (in messages[1]) could not be read: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedUrlKey_EveryValueIsScanned()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"entities":{"US_SSN":"BLOCK"}}""");
        var benign = TestImages.Render(["Nothing secret"]).DataUrl;
        var body = $$$"""
            {"model":"fake/fake-model","messages":[{"role":"user","content":[{"type":"text","text":"{{{Marker()}}}"},
              {"type":"image_url","image_url":{"url":"{{{benign}}}","url":"{{{Pii.DataUrl}}}"}}]}]}
            """;

        using var response = await PostAsync(tenant, body);

        var error = await ViolationAsync(response);
        Assert.Contains(error.GetProperty("violations").EnumerateArray(), v => v.GetProperty("image_index").GetInt32() == 1);
    }

    [Fact]
    public async Task StreamedRequestWithARedactedImage_StreamsAndForwardsThePng()
    {
        var tenant = await fixture.NewTenantAsync();
        var marker = Marker();
        var body = Body("fake/fake-model", marker, Pii.DataUrl).Replace("{\"model\"", "{\"stream\":true,\"model\"", StringComparison.Ordinal);

        using var response = await PostAsync(tenant, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data: [DONE]", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        Assert.StartsWith("data:image/png;base64,", ImageUrlOf(forwarded), StringComparison.Ordinal);
    }

    /// <summary>The 400 a BLOCK finding answers (its <c>code</c> is the number 400, so not <see cref="OpenAIAssert.ErrorAsync"/>).</summary>
    private static async Task<JsonElement> ViolationAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Governance.Governance.ParseJson(await response.Content.ReadAsStringAsync(Cancel)).GetProperty("error");
        Assert.Equal("security_violation", error.GetProperty("type").GetString());
        return error;
    }

    private static string Marker() => $"marker-{Guid.NewGuid():N}";

    private static string Body(string model, string marker, string imageUrl, string before = "") => $$$"""
        {"model":"{{{model}}}","messages":[{{{before}}}{"role":"user","content":[{"type":"text","text":"{{{marker}}} What does this show?"},{"type":"image_url","image_url":{"url":"{{{imageUrl}}}","detail":"high"}}]}]}
        """;

    private static string ImageUrlOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content")[1].GetProperty("image_url").GetProperty("url").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(TestTenant tenant, string body)
    {
        using var client = fixture.CreateClient(tenant.ProjectKey);
        return await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
    }

    /// <summary>The entities the scanner finds in one image under the default policy.</summary>
    private async Task<List<string>> ScanAsync(string image)
    {
        using var http = new HttpClient { BaseAddress = fixture.ScannerUrl };
        using var response = await http.PostAsync("/v1/scan", new StringContent(JsonSerializer.Serialize(new { images = new[] { image } }), Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("entity").GetString()!)];
    }
}
