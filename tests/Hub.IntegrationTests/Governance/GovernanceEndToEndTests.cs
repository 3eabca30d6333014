using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hub.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Governance;

/// <summary>
/// The governed path end to end: the OpenAI .NET SDK against the gateway, policies and keys managed
/// through Hub.Admin's API, audit events carried by Redis into Postgres by Hub.Admin's consumer.
/// </summary>
public sealed class GovernanceEndToEndTests(GatewayFixture fixture)
{
    private const string Email = "morgan.ellis@example.net";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PolicyVersionSwitch_TakesEffectOnTheNextRequest_AndRestoreBringsTheOldOneBack()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.CreateAdminClient(tenant);
        var chat = Client(tenant.ProjectKey, "mock/echo");
        List<ChatMessage> messages = [new UserChatMessage($"Please write to {Email}.")];

        var v1 = await admin.SavePolicyAsync(tenant.ProjectId, """{"default_action":"OFF","entities":{"EMAIL_ADDRESS":"REDACT"}}""");
        ChatCompletion redacted = await chat.CompleteChatAsync(messages, cancellationToken: Cancel);

        await admin.SavePolicyAsync(tenant.ProjectId, """{"default_action":"OFF","entities":{"EMAIL_ADDRESS":"BLOCK"}}""");
        var blocked = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync(messages, cancellationToken: Cancel));

        await admin.RestorePolicyAsync(tenant.ProjectId, v1.GetProperty("version").GetInt32());
        ChatCompletion restored = await chat.CompleteChatAsync(messages, cancellationToken: Cancel);

        Assert.Equal("Please write to [EMAIL_ADDRESS].", redacted.Content[0].Text);
        Assert.Equal(400, blocked.Status);
        var error = JsonSerializer.Deserialize<JsonElement>(blocked.GetRawResponse()!.Content.ToString()).GetProperty("error");
        Assert.Equal("security_violation", error.GetProperty("type").GetString());
        Assert.Equal("BLOCK", error.GetProperty("violations")[0].GetProperty("action").GetString());
        Assert.Equal("Please write to [EMAIL_ADDRESS].", restored.Content[0].Text);
    }

    [Fact]
    public async Task RevokedKey_IsRefusedWithinASecond()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.CreateAdminClient(tenant);
        using var gateway = fixture.CreateGatewayClient(tenant.ProjectKey);
        using var warm = await gateway.GetAsync("models", Cancel); // the key is now cached
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var keyId = (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!.Id;

        using var revoke = await admin.DeleteAsync($"keys/{keyId}", Cancel);
        var revokedAt = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var attempt = await gateway.GetAsync("models", Cancel);
            status = attempt.StatusCode;
        }
        while (status == HttpStatusCode.OK && revokedAt.Elapsed < TimeSpan.FromSeconds(1));

        Assert.True(revoke.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task AuditRow_ArrivesWithTheRightFields_AndTheChainVerifies()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.CreateAdminClient(tenant);
        var version = await admin.SavePolicyAsync(tenant.ProjectId, """{"entities":{"US_SSN":"BLOCK"}}""");
        using var gateway = fixture.CreateGatewayClient(tenant.ProjectKey);

        using var completed = await PostAsync(gateway, $$"""{"model":"fake/fake-model","user":"u-1","messages":[{"role":"user","content":"Mail {{Email}}"}]}""");
        using var blocked = await PostAsync(gateway, """{"model":"fake/fake-model","messages":[{"role":"user","content":"SSN 078-05-1120"}]}""");

        var completedRow = await admin.WaitForAuditEventAsync(Correlation(completed));
        var blockedRow = await admin.WaitForAuditEventAsync(Correlation(blocked));
        Assert.Equal(tenant.ProjectId, completedRow.GetProperty("project_id").GetGuid());
        Assert.Equal("u-1", completedRow.GetProperty("end_user").GetString());
        Assert.Equal(("fake/fake-model", "fake-model", "fake"), (
            completedRow.GetProperty("model_requested").GetString(), completedRow.GetProperty("model_served").GetString(),
            completedRow.GetProperty("provider").GetString()));
        Assert.Equal(200, completedRow.GetProperty("status").GetInt32());
        Assert.Equal(version.GetProperty("version").GetInt32(), completedRow.GetProperty("policy_version").GetInt32());
        Assert.Equal("EMAIL_ADDRESS", completedRow.GetProperty("entities")[0].GetProperty("entity").GetString());
        Assert.Equal(19, completedRow.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(64, completedRow.GetProperty("prompt_sha256").GetString()!.Length);
        Assert.Equal((400, "blocked"), (blockedRow.GetProperty("status").GetInt32(), blockedRow.GetProperty("outcome").GetString()));

        var verification = await admin.VerifyAuditAsync();
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("checked").GetInt32() >= 2);
    }

    [Fact]
    public async Task TamperedAuditRow_BreaksTheChain()
    {
        var tenant = await fixture.NewTenantAsync();
        using var admin = fixture.CreateAdminClient(tenant);
        using var gateway = fixture.CreateGatewayClient(tenant.ProjectKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync(gateway, """{"model":"fake/fake-model","messages":[{"role":"user","content":"Say hello"}]}""");
            ids.Add(Correlation(response));
        }

        foreach (var id in ids)
        {
            await admin.WaitForAuditEventAsync(id);
        }

        Assert.True((await admin.VerifyAuditAsync()).GetProperty("ok").GetBoolean());

        // An attacker with the database's superuser: the append-only trigger off, one number changed.
        await AuditTampering.RunAsync(fixture.Infrastructure.DataSource, "UPDATE audit_events SET status = 500 WHERE correlation_id = $1", ids[1]);

        var verification = await admin.VerifyAuditAsync();
        Assert.False(verification.GetProperty("ok").GetBoolean());
        Assert.Contains(ids[1], verification.GetProperty("first_broken").ToString(), StringComparison.Ordinal);
    }

    private ChatClient Client(string apiKey, string model) =>
        new(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = fixture.BaseUrl });

    private static Task<HttpResponseMessage> PostAsync(HttpClient gateway, string body) =>
        gateway.PostAsync("chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

    private static string Correlation(HttpResponseMessage response) => response.Headers.GetValues("x-hub-correlation-id").Single();
}
