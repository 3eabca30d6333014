using Hub.Core.Audit;
using Hub.Core.Byok;
using Hub.Gateway.Tests.Billing;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Byok;

/// <summary>
/// An organization's own key goes to its provider and nowhere else: not into a log line at any level,
/// a response, or the audit stream, on any path (served, streamed, upstream error, key refused
/// upstream). A refused key is named to the client by its last four characters only.
/// </summary>
public sealed class OwnKeyNeverLeakedTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnKey_OnEveryPath_AbsentFromLogsResponsesAndAuditStream()
    {
        var tenant = await fixture.NewTenantAsync();
        var accepted = fixture.NewOpenAIKey();
        var refused = $"sk-byok-refused-{Guid.NewGuid():N}";
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: accepted));
        await fixture.StoreKeyAsync(tenant.OrganizationId, "listed", new ByokCredentials(ApiKey: refused));
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var answers = new List<string>();
        foreach (var (model, extra) in new[]
        {
            ("fake/fake-model", ""),
            ("fake/fake-model", ",\"stream\":true"),
            ("fake/fake-error-500", ""),
            ("fake/fake-error-400", ""),
            ("listed/fake-model", ",\"provider\":{\"allow_fallbacks\":false}"),
        })
        {
            using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(Guid.NewGuid().ToString("N"), extra, model)), Cancel);
            answers.Add(await response.Content.ReadAsStringAsync(Cancel) + string.Join('\n', response.Headers.SelectMany(header => header.Value)));
        }

        var auditStream = string.Join('\n', (await fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().StreamRangeAsync(AuditFeed.Key))
            .Select(entry => entry[AuditFeed.EventField].ToString()));
        Assert.Contains("provider_auth_failed", answers[^1], StringComparison.Ordinal);
        Assert.Contains($"ending {refused[^4..]}", answers[^1], StringComparison.Ordinal);
        foreach (var key in new[] { accepted, refused })
        {
            foreach (var fragment in new[] { key, key[..^4], key[8..] })
            {
                Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(fragment, StringComparison.Ordinal));
                Assert.DoesNotContain(answers, answer => answer.Contains(fragment, StringComparison.Ordinal));
                Assert.DoesNotContain(fragment, auditStream, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(KestrelTestServer.MasterKey, StringComparison.Ordinal));
        Assert.Contains(tenant.OrganizationId.ToString("D"), auditStream, StringComparison.Ordinal); // the search can fail
    }
}
