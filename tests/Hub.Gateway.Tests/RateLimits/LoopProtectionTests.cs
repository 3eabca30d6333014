using Hub.Core.Keys;
using static Hub.Gateway.Tests.RateLimits.RateLimitRequests;

namespace Hub.Gateway.Tests.RateLimits;

/// <summary>The default loop protection: the 21st identical prompt from one key within 60 s is refused.</summary>
[Collection(RateLimitedGatewaysDefinition.Name)]
public sealed class LoopProtectionTests(RateLimitedGateways gateways)
{
    private const int MaxRepeats = 20;

    [Fact]
    public async Task Post_SamePromptOnceMoreThanAllowed_Answers429LoopDetected()
    {
        var (tenant, _) = await gateways.TenantAsync();
        using var client = gateways.CreateClient(tenant.ProjectKey);
        var prompt = $"again {Guid.NewGuid():N}";
        await RepeatAsync(client, prompt, MaxRepeats);

        using var response = await PostAsync(client, prompt);

        var error = await OpenAIAssert.ErrorAsync(response, 429, "requests", "loop_detected");
        Assert.Equal(
            "Loop detected: this key sent the same prompt 20 times within 60s, so further repeats are refused to stop a runaway loop. Change the prompt, or try again in 1m0s.",
            error.GetProperty("message").GetString());
        Assert.Equal("60", Header(response, "retry-after"));
        Assert.DoesNotContain(prompt, error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_LoopDetected_OtherPromptsAndOtherKeysStillPass()
    {
        var (tenant, _) = await gateways.TenantAsync();
        var otherKey = await gateways.IssueKeyAsync(tenant, ApiKeyKind.Project);
        using var client = gateways.CreateClient(tenant.ProjectKey);
        using var otherClient = gateways.CreateClient(otherKey.Key, second: true);
        var prompt = $"again {Guid.NewGuid():N}";
        await RepeatAsync(client, prompt, MaxRepeats);

        using var otherPrompt = await PostAsync(client);
        using var sameFromOtherKey = await PostAsync(otherClient, prompt);

        Assert.Equal(200, (int)otherPrompt.StatusCode);
        Assert.Equal(200, (int)sameFromOtherKey.StatusCode);
    }

    [Fact]
    public async Task Post_LoopDetected_AdmittedAgainWhenTheOldestRepeatLeavesTheWindow()
    {
        var (tenant, _) = await gateways.TenantAsync();
        using var client = gateways.CreateClient(tenant.ProjectKey);
        var prompt = $"again {Guid.NewGuid():N}";
        using (await PostAsync(client, prompt))
        {
        }

        gateways.Time.Advance(TimeSpan.FromSeconds(30));
        await RepeatAsync(client, prompt, MaxRepeats - 1);
        using var refused = await PostAsync(client, prompt);
        gateways.Time.Advance(TimeSpan.FromSeconds(30));
        using var admitted = await PostAsync(client, prompt);

        Assert.Equal("30", Header(refused, "retry-after"));
        Assert.Equal(200, (int)admitted.StatusCode);
    }

    /// <summary>Sends <paramref name="prompt"/> <paramref name="times"/> times, each admitted; through both gateways, which share the count.</summary>
    private async Task RepeatAsync(HttpClient client, string prompt, int times)
    {
        using var viaSecond = new HttpClient { BaseAddress = gateways.SecondUrl };
        viaSecond.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        for (var i = 0; i < times; i++)
        {
            using var response = await PostAsync(i % 2 == 0 ? client : viaSecond, prompt);
            Assert.Equal(200, (int)response.StatusCode);
        }
    }
}
