using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary>
/// A stored key is write-only: after canary keys are stored (an organization's, a project's, AWS
/// credentials), no answer of any GET route of the admin API, nor any log line, holds a canary or any
/// eight characters of one, and the stored row's ciphertext does not hold the key's bytes.
/// </summary>
public sealed class ByokCanaryTests(AdminFixture fixture)
{
    private const int WindowLength = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryGetRoute_AfterKeysStored_AnswersNoPartOfAnyKey()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var canaries = await StoreCanariesAsync(client, tenant.ProjectId);

        var answers = new List<(string Path, HttpStatusCode Status, string Body)>();
        foreach (var path in GetPaths(tenant.ProjectId))
        {
            using var response = await client.GetAsync(path, Cancel);
            answers.Add((path, response.StatusCode, await response.Content.ReadAsStringAsync(Cancel)));
        }

        Assert.Contains(answers, answer => answer.Path == "/admin/v1/byok" && answer.Status == HttpStatusCode.OK && answer.Body.Contains(canaries.OpenAI[^4..], StringComparison.Ordinal));
        Assert.Contains(answers, answer => answer.Path == $"/admin/v1/projects/{tenant.ProjectId}/byok" && answer.Status == HttpStatusCode.OK);
        Assert.Contains(answers, answer => answer.Path == "/admin/v1/audit" && answer.Status == HttpStatusCode.OK);
        Assert.All(answers, answer => Assert.True((int)answer.Status < 500, $"{answer.Path} answered {answer.Status}"));
        foreach (var (path, _, body) in answers)
        {
            foreach (var canary in canaries.All)
            {
                Assert.True(Leak(body, canary) is null, $"{path} holds '{Leak(body, canary)}' of a stored key");
            }
        }
    }

    [Fact]
    public async Task StoredRow_Ciphertext_HoldsNoneOfTheKeysBytes()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var canaries = await StoreCanariesAsync(client, tenant.ProjectId);

        await using var command = fixture.Infrastructure.DataSource.CreateCommand(
            "SELECT nonce || ciphertext || tag, label, last4 FROM byok_keys WHERE organization_id = $1");
        command.Parameters.Add(new() { Value = tenant.OrganizationId });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = 0;
        while (await reader.ReadAsync(Cancel))
        {
            rows++;
            var stored = reader.GetFieldValue<byte[]>(0);
            var text = $"{(reader.IsDBNull(1) ? "" : reader.GetString(1))} {reader.GetString(2)}";
            foreach (var canary in canaries.All)
            {
                Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
                Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary[..WindowLength])));
                Assert.Null(Leak(text, canary));
            }
        }

        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Logs_AfterKeysStoredAndChecked_HoldNoPartOfAnyKey()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var canaries = await StoreCanariesAsync(client, tenant.ProjectId);
        var refused = AnthropicKey();
        (await client.PutKeyAsync("/admin/v1/byok/anthropic", ApiKeyBody(refused, verify: true))).Dispose();
        (await client.PutKeyAsync($"/admin/v1/byok/{AdminFixture.UnreachableProvider}", ApiKeyBody(refused, verify: true))).Dispose();

        var lines = fixture.Logs.Lines.ToArray();

        Assert.Contains(lines, line => line.Contains("ByokKeyStored", StringComparison.Ordinal) && line.Contains(tenant.OrganizationId.ToString(), StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ByokKeyProbed", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            foreach (var canary in canaries.All.Append(refused))
            {
                Assert.True(Leak(line, canary) is null, $"A log line holds part of a key: {line}");
            }
        }
    }

    private sealed record Canaries(string OpenAI, string Anthropic, string AwsSecret)
    {
        public IEnumerable<string> All => [OpenAI, Anthropic, AwsSecret];
    }

    /// <summary>Stores an organization key, a project key (verified live, so the probe runs too) and AWS credentials.</summary>
    private async Task<Canaries> StoreCanariesAsync(HttpClient client, Guid projectId)
    {
        var canaries = new Canaries(OpenAIKey(), AnthropicKey(), AwsSecretAccessKey());
        fixture.Anthropic.AcceptKey(canaries.Anthropic);
        using var openAI = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(canaries.OpenAI, "canary"));
        using var anthropic = await client.PutKeyAsync($"/admin/v1/projects/{projectId}/byok/anthropic", ApiKeyBody(canaries.Anthropic, verify: true));
        using var bedrock = await client.PutKeyAsync("/admin/v1/byok/bedrock", AwsBody(AwsAccessKeyId(), canaries.AwsSecret));
        Assert.Equal(HttpStatusCode.OK, openAI.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anthropic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bedrock.StatusCode);
        return canaries;
    }

    /// <summary>
    /// Every GET route of the admin API, its parameters filled for this tenant. A new route with a
    /// parameter this test cannot fill fails here, so it gets added rather than skipped.
    /// </summary>
    private List<string> GetPaths(Guid projectId)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = projectId.ToString(),
            ["provider"] = "openai",
            ["version"] = "1",
        };
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var paths = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            if (!methods.Contains("GET") || pattern.RawText?.StartsWith("/admin/v1", StringComparison.Ordinal) != true)
            {
                continue;
            }

            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternParameterPart parameter when values.TryGetValue(parameter.Name, out var value) => value,
                        RoutePatternParameterPart parameter => throw new InvalidOperationException($"Add a value for '{parameter.Name}' of {pattern.RawText}."),
                        _ => throw new InvalidOperationException($"Unexpected part in {pattern.RawText}."),
                    });
                }
            }

            paths.Add(path.ToString());
        }

        Assert.True(paths.Count >= 10, $"Only {paths.Count} GET routes found.");
        return paths;
    }

    /// <summary>The first eight characters of <paramref name="canary"/> found in <paramref name="text"/>, or null.</summary>
    private static string? Leak(string text, string canary)
    {
        for (var start = 0; start + WindowLength <= canary.Length; start++)
        {
            var window = canary.Substring(start, WindowLength);
            if (text.Contains(window, StringComparison.Ordinal))
            {
                return window;
            }
        }

        return null;
    }
}
