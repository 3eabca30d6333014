using Hub.Core.Keys;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Auth;

public sealed class ApiKeyAuthTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_NoAuthorizationHeader_Answers401InvalidApiKey()
    {
        using var client = fixture.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo")), Cancel);

        await OpenAIAssert.ErrorAsync(response, 401, "invalid_request_error", "invalid_api_key");
    }

    [Theory]
    [InlineData("oah_thisKeyWasNeverIssuedAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sk-proj-something")]
    [InlineData("x")]
    public async Task Post_UnknownKey_Answers401WithoutEchoingTheKey(string key)
    {
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo")), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 401, "invalid_request_error", "invalid_api_key");
        if (key.Length > 12)
        {
            Assert.DoesNotContain(key, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_ProjectKey_IsAccepted()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models", Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        OpenAIAssert.CorrelationId(response);
    }

    [Fact]
    public async Task Get_AccountKey_IsAccepted()
    {
        var tenant = await fixture.NewTenantAsync();
        var account = await tenant.Keys.IssueAsync(tenant.OrganizationId, null, ApiKeyKind.Account, "acct", null, Cancel);
        using var client = fixture.CreateClient(account.Key);

        using var response = await client.GetAsync("/v1/models", Cancel);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Get_AdminToken_IsRefusedByTheGateway()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.GetAsync("/v1/models", Cancel);

        await OpenAIAssert.ErrorAsync(response, 401, "invalid_request_error", "invalid_api_key");
    }

    [Fact]
    public async Task Get_RevokedKey_Answers401Revoked()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = await tenant.Keys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, ApiKeyKind.Project, "doomed", null, Cancel);
        await tenant.Keys.RevokeAsync(tenant.OrganizationId, key.Record.Id, Cancel);
        using var client = fixture.CreateClient(key.Key);

        using var response = await client.GetAsync("/v1/models", Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 401, "invalid_request_error", "invalid_api_key");
        Assert.Contains("revoked", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CachedKeyRevokedAndPublished_IsRefusedWithinASecond()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = await tenant.Keys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, ApiKeyKind.Project, "soon revoked", null, Cancel);
        using var client = fixture.CreateClient(key.Key);
        using (var first = await client.GetAsync("/v1/models", Cancel))
        {
            Assert.Equal(200, (int)first.StatusCode); // now cached for Gateway:Auth:KeyCacheSeconds (30 s)
        }

        // What Hub.Admin does on DELETE /admin/v1/keys/{id}.
        var hash = await tenant.Keys.RevokeAsync(tenant.OrganizationId, key.Record.Id, Cancel);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(KeyRevocations.Channel), KeyRevocations.Message(hash!));

        var deadline = DateTime.UtcNow.AddSeconds(1);
        int status;
        do
        {
            using var response = await client.GetAsync("/v1/models", Cancel);
            status = (int)response.StatusCode;
        }
        while (status == 200 && DateTime.UtcNow < deadline);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Get_ExpiredKey_Answers401Expired()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = await tenant.Keys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, ApiKeyKind.Project, "old", TimeSpan.FromDays(-1), Cancel);
        using var client = fixture.CreateClient(key.Key);

        using var response = await client.GetAsync("/v1/models", Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 401, "invalid_request_error", "invalid_api_key");
        Assert.Contains("expired", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_StoredKeys_AreHashesNeverPlaintext()
    {
        var tenant = await fixture.NewTenantAsync();
        await using var command = fixture.Infrastructure.DataSource.CreateCommand(
            "SELECT count(*) FROM api_keys WHERE encode(key_hash, 'escape') LIKE '%' || $1 || '%' OR label LIKE '%' || $1 || '%' OR display_prefix = $2");
        command.Parameters.Add(new() { Value = tenant.ProjectKey[12..] });
        command.Parameters.Add(new() { Value = tenant.ProjectKey });

        Assert.Equal(0L, await command.ExecuteScalarAsync(Cancel));
    }
}
