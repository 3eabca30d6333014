using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Hub.IntegrationTests.Governance;
using Hub.Testing;
using Hub.Testing.Images;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Vision;

/// <summary>Screenshots sent by the official OpenAI .NET SDK as image parts: OCR-scanned, blocked or redacted in the pixels (#9).</summary>
public sealed class OpenAISdkImageTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly TestImage Statement = TestImages.Render(["Bank statement", "Account holder email: avery.quinn@example.org", "SSN: 078-05-1120"]);

    [Fact]
    public async Task ImagePartWithPii_ProviderReceivesARedactedPng()
    {
        var tenant = await fixture.NewTenantAsync();
        var marker = $"marker-{Guid.NewGuid():N}";

        ChatCompletion completion = await Client(tenant).CompleteChatAsync([Message(marker)], cancellationToken: Cancel);

        Assert.Equal(FakeOpenAIUpstream.Reply, completion.Content[0].Text);
        var forwarded = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;
        using var json = JsonDocument.Parse(forwarded);
        var url = json.RootElement.GetProperty("messages")[0].GetProperty("content")[1].GetProperty("image_url").GetProperty("url").GetString()!;
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        Assert.NotEqual(Convert.ToBase64String(Statement.Bytes), url["data:image/png;base64,".Length..]);
    }

    [Fact]
    public async Task ImagePartWithABlockedEntity_SdkRaises400WithTheImageIndex()
    {
        var tenant = await fixture.NewTenantAsync();
        using (var admin = fixture.CreateAdminClient(tenant))
        {
            await admin.SavePolicyAsync(tenant.ProjectId, """{"entities":{"US_SSN":"BLOCK"}}""");
        }

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(tenant).CompleteChatAsync([Message("blocked")], cancellationToken: Cancel));

        Assert.Equal(400, error.Status);
        var body = JsonSerializer.Deserialize<JsonElement>(error.GetRawResponse()!.Content.ToString()).GetProperty("error");
        Assert.Equal("security_violation", body.GetProperty("type").GetString());
        var ssn = Assert.Single(body.GetProperty("violations").EnumerateArray(), v => v.GetProperty("entity").GetString() == "US_SSN");
        Assert.Equal(0, ssn.GetProperty("image_index").GetInt32());
        Assert.Equal(0, ssn.GetProperty("message_index").GetInt32());
    }

    private static UserChatMessage Message(string text) => new(
        ChatMessageContentPart.CreateTextPart($"{text}: what does this show?"),
        ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(Statement.Bytes), "image/png", ChatImageDetailLevel.High));

    private ChatClient Client(TestTenant tenant) => new("fake/fake-model", new ApiKeyCredential(tenant.ProjectKey), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
