using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Core.RateLimits;
using Hub.Gateway.RateLimits;
using Hub.Testing;
using StackExchange.Redis;
using static Hub.Gateway.Tests.RateLimits.RateLimitRequests;

namespace Hub.Gateway.Tests.RateLimits;

[Collection(RateLimitedGatewaysDefinition.Name)]
public sealed class RateLimitTests(RateLimitedGateways gateways)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_UnderKeyRpm_SetsOpenAIHeadersForTheKey()
    {
        var (tenant, _) = await gateways.TenantAsync(keyRequests: 3);
        using var client = gateways.CreateClient(tenant.ProjectKey);

        using var response = await PostAsync(client);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("3 2 20s", Limits(response, "requests"));
        Assert.Null(Header(response, "x-ratelimit-limit-tokens"));
        Assert.Null(Header(response, "retry-after"));
    }

    [Fact]
    public async Task Post_NoLimitConfigured_SendsNoRateLimitHeaders()
    {
        var (tenant, _) = await gateways.TenantAsync();
        using var client = gateways.CreateClient(tenant.ProjectKey);

        using var response = await PostAsync(client);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Post_KeyRpmExhausted_Answers429InOpenAIsShapeAndForwardsNothing()
    {
        var (tenant, keyId) = await gateways.TenantAsync(keyRequests: 3);
        using var client = gateways.CreateClient(tenant.ProjectKey);
        for (var i = 0; i < 3; i++)
        {
            using var admitted = await PostAsync(client);
            Assert.Equal(200, (int)admitted.StatusCode);
        }

        var marker = $"marker-{Guid.NewGuid():N}";
        using var response = await PostAsync(client, marker);

        var error = await OpenAIAssert.ErrorAsync(response, 429, "requests", "rate_limit_exceeded");
        Assert.Equal($"Rate limit reached for requests per min (RPM) on key {keyId}: Limit 3, Used 3, Requested 1. Please try again in 20s.",
            error.GetProperty("message").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("20", Header(response, "retry-after"));
        Assert.Equal("20000", Header(response, "retry-after-ms"));
        Assert.Equal("3 0 1m0s", Limits(response, "requests"));
        Assert.DoesNotContain(gateways.Shared.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_KeyTpmExhausted_Answers429ForTokensCountingTheOutputAllowance()
    {
        var (tenant, keyId) = await gateways.TenantAsync(keyTokens: 1000);
        using var client = gateways.CreateClient(tenant.ProjectKey);

        // One prompt for all three, so each counts the same tokens (three repeats are far from a loop).
        using var first = await PostAsync(client, "hello tokens per minute", maxTokens: 400);
        var cost = 1000 - Remaining(first, "tokens"); // the prompt estimate plus max_tokens
        using var second = await PostAsync(client, "hello tokens per minute", maxTokens: 400);
        using var refused = await PostAsync(client, "hello tokens per minute", maxTokens: 400);

        Assert.InRange(cost, 401, 499);
        Assert.Equal($"1000 {1000 - cost} {OpenAIDuration.Format(cost * 60)}", Limits(first, "tokens"));
        Assert.Equal(200, (int)second.StatusCode);
        var error = await OpenAIAssert.ErrorAsync(refused, 429, "tokens", "rate_limit_exceeded");
        var wait = ((3 * cost) - 1000) * 60; // ms until a third fits: the excess drains at 1000 tokens a minute
        Assert.Equal(
            $"Rate limit reached for tokens per min (TPM) on key {keyId}: Limit 1000, Used {2 * cost}, Requested {cost}. Please try again in {OpenAIDuration.Format(wait)}.",
            error.GetProperty("message").GetString());
        Assert.Equal(((wait + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(refused, "retry-after"));
        Assert.Equal($"1000 {1000 - (2 * cost)} {OpenAIDuration.Format(2 * cost * 60)}", Limits(refused, "tokens"));
    }

    [Fact]
    public async Task Post_MoreTokensThanAMinuteAllows_Answers429TooLargeAndSaysDoNotRetry()
    {
        var (tenant, keyId) = await gateways.TenantAsync(keyTokens: 100);
        using var client = gateways.CreateClient(tenant.ProjectKey);

        using var response = await PostAsync(client, maxTokens: 500);

        var error = await OpenAIAssert.ErrorAsync(response, 429, "tokens", "rate_limit_exceeded");
        Assert.Matches(
            $@"^Request too large for tokens per min \(TPM\) on key {keyId}: Limit 100, Requested 5\d\d\. The input or output tokens must be reduced in order to run successfully\.$",
            error.GetProperty("message").GetString());
        Assert.Equal("false", Header(response, "x-should-retry"));
        Assert.Null(Header(response, "retry-after"));
    }

    [Fact]
    public async Task Post_ProjectRpmSharedByItsKeys_RefusesOnTheProjectLimit()
    {
        var (tenant, keyId) = await gateways.TenantAsync(keyRequests: 5);
        await gateways.SetProjectLimitsAsync(tenant, requests: 2, tokens: null);
        var other = await gateways.IssueKeyAsync(tenant, ApiKeyKind.Project);
        using var client = gateways.CreateClient(tenant.ProjectKey);
        using var otherClient = gateways.CreateClient(other.Key);

        using var first = await PostAsync(client);
        using var second = await PostAsync(otherClient);
        using var refused = await PostAsync(client);

        Assert.Equal("2 1 30s", Limits(first, "requests")); // the project's 1 left is tighter than the key's 4
        Assert.Equal(200, (int)second.StatusCode);
        var error = await OpenAIAssert.ErrorAsync(refused, 429, "requests", "rate_limit_exceeded");
        Assert.Equal($"Rate limit reached for requests per min (RPM) on project {tenant.ProjectId}: Limit 2, Used 2, Requested 1. Please try again in 30s.",
            error.GetProperty("message").GetString());
        Assert.DoesNotContain(keyId.ToString(), error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_KeyTighterThanProject_HeadersShowTheKey()
    {
        var (tenant, _) = await gateways.TenantAsync(keyRequests: 2);
        await gateways.SetProjectLimitsAsync(tenant, requests: 100, tokens: null);
        using var client = gateways.CreateClient(tenant.ProjectKey);

        using var response = await PostAsync(client);

        Assert.Equal("2 1 30s", Limits(response, "requests"));
    }

    [Fact]
    public async Task Post_AccountKeyWithItsOwnLimit_IsLimitedWithoutAProject()
    {
        var tenant = await gateways.Shared.NewTenantAsync();
        var account = await gateways.IssueKeyAsync(tenant, ApiKeyKind.Account, requests: 1);
        using var client = gateways.CreateClient(account.Key);

        using var admitted = await PostAsync(client);
        using var refused = await PostAsync(client);

        Assert.Equal("1 0 1m0s", Limits(admitted, "requests"));
        var error = await OpenAIAssert.ErrorAsync(refused, 429, "requests", "rate_limit_exceeded");
        Assert.StartsWith($"Rate limit reached for requests per min (RPM) on key {account.Record.Id}:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AfterARefusal_AdmittedExactlyWhenTheWindowHasSlidEnough()
    {
        var (tenant, _) = await gateways.TenantAsync(keyRequests: 3);
        using var client = gateways.CreateClient(tenant.ProjectKey);
        for (var i = 0; i < 3; i++)
        {
            (await PostAsync(client)).Dispose();
        }

        gateways.Time.Advance(TimeSpan.FromMilliseconds(19_999));
        using var stillRefused = await PostAsync(client);
        gateways.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var admitted = await PostAsync(client);
        using var refusedAgain = await PostAsync(client);
        gateways.Time.Advance(TimeSpan.FromMinutes(1));
        using var afterAMinute = await PostAsync(client);

        var error = await OpenAIAssert.ErrorAsync(stillRefused, 429, "requests", "rate_limit_exceeded");
        Assert.EndsWith("Please try again in 1ms.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", Header(stillRefused, "retry-after"));
        Assert.Equal(200, (int)admitted.StatusCode);
        Assert.Equal("3 0 1m0s", Limits(admitted, "requests"));
        Assert.Equal(429, (int)refusedAgain.StatusCode);
        Assert.Equal("20", Header(refusedAgain, "retry-after"));
        Assert.Equal("3 2 20s", Limits(afterAMinute, "requests"));
    }

    [Fact]
    public async Task Post_KeyLimitChangedAndAnnounced_AppliesFromTheNextRequest()
    {
        var (tenant, keyId) = await gateways.TenantAsync();
        using var client = gateways.CreateClient(tenant.ProjectKey);
        using var before = await PostAsync(client); // caches the key without limits
        var keyHash = await tenant.Keys.SetRateLimitsAsync(tenant.OrganizationId, keyId, new RateLimitOverrides(7, null), Cancel);

        await gateways.Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(KeyRevocations.Channel), KeyRevocations.Message(keyHash!));

        Assert.Null(Header(before, "x-ratelimit-limit-requests"));
        await Eventually.Until(() => LimitSeenAsync(client), limit => limit == "7", "the key's new limit");
    }

    [Fact]
    public async Task Post_ProjectLimitChangedAndAnnounced_AppliesFromTheNextRequest()
    {
        var (tenant, _) = await gateways.TenantAsync();
        using var client = gateways.CreateClient(tenant.ProjectKey);
        using var before = await PostAsync(client); // caches the project's rules without limits
        await gateways.SetProjectLimitsAsync(tenant, requests: 9, tokens: null);

        await gateways.Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(PolicyChanges.Channel), PolicyChanges.Message(tenant.ProjectId));

        Assert.Null(Header(before, "x-ratelimit-limit-requests"));
        await Eventually.Until(() => LimitSeenAsync(client), limit => limit == "9", "the project's new limit");
    }

    private static async Task<string?> LimitSeenAsync(HttpClient client)
    {
        using var response = await PostAsync(client);
        return Header(response, "x-ratelimit-limit-requests");
    }
}
