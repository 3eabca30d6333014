using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Policies;
using Hub.Testing;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Api;

public sealed class PoliciesApiTests(AdminFixture fixture)
{
    private static readonly object Strict = new
    {
        entities = new Dictionary<string, string> { ["US_SSN"] = "BLOCK" },
        default_action = "REDACT",
        custom_regex = new[] { new { name = "PRJ_CODE", pattern = "PRJ-[A-Z]{2}-\\d+", action = "BLOCK" } },
    };

    private static readonly object Lenient = new { default_action = "LOG", min_score = 0.8 };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetPolicy_NeverSaved_AnswersTheGlobalDefault()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        var body = await client.GetFromJsonAsync<JsonElement>(PolicyPath(tenant), Cancel);

        Assert.Equal(0, body.GetProperty("version").GetInt32());
        Assert.Equal("Maximum Protection", body.GetProperty("name").GetString());
        Assert.Equal("hub", body.GetProperty("created_by").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal("""{"entities":{"PROMPT_INJECTION":"BLOCK"},"default_action":"REDACT"}""", body.GetProperty("policy").GetRawText());
    }

    [Fact]
    public async Task PutPolicy_Valid_Answers201WithVersionOneByTheAdminToken()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var adminKeyId = (await tenant.Keys.FindAsync(tenant.AdminToken, Cancel))!.Id;

        using var response = await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Strict, name = "Strict" }, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/admin/v1/projects/{tenant.ProjectId}/policy/versions/1", response.Headers.Location!.OriginalString);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("Strict", body.GetProperty("name").GetString());
        Assert.Equal(adminKeyId.ToString(), body.GetProperty("created_by").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("restored_from").ValueKind);
        Assert.InRange(body.GetProperty("created_at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(
            """{"entities":{"US_SSN":"BLOCK"},"default_action":"REDACT","custom_regex":[{"name":"PRJ_CODE","pattern":"PRJ-[A-Z]{2}-\\d+","action":"BLOCK"}]}""",
            body.GetProperty("policy").GetRawText());
    }

    [Fact]
    public async Task PutPolicy_Twice_GetAnswersTheNewVersionAndVersionsListsBothNewestFirst()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Strict, name = "Strict" }, Cancel)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Lenient }, Cancel)).EnsureSuccessStatusCode();

        var active = await client.GetFromJsonAsync<JsonElement>(PolicyPath(tenant), Cancel);
        var versions = await client.GetFromJsonAsync<JsonElement>($"{PolicyPath(tenant)}/versions", Cancel);

        Assert.Equal(2, active.GetProperty("version").GetInt32());
        Assert.Equal("Strict", active.GetProperty("name").GetString());
        Assert.Equal("""{"default_action":"LOG","min_score":0.8}""", active.GetProperty("policy").GetRawText());
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([true, false], versions.EnumerateArray().Select(v => v.GetProperty("active").GetBoolean()));
        Assert.Equal("PRJ_CODE", versions[1].GetProperty("policy").GetProperty("custom_regex")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task PutPolicy_BadRegex_Answers400WithTheFieldAndTheParserReason()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var policy = new { custom_regex = new[] { new { name = "X", pattern = "([a-z]" } } };

        using var response = await client.PutAsJsonAsync(PolicyPath(tenant), new { policy }, Cancel);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "The pattern cannot be used: Invalid pattern '([a-z]' at offset 6. Not enough )'s.",
            errors.GetProperty("policy.custom_regex[0].pattern")[0].GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(PolicyPath(tenant), Cancel)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{"policy":{"entities":{"NOT_A_TYPE":"BLOCK"}}}""", "policy.entities.NOT_A_TYPE")]
    [InlineData("""{"policy":{"custom_regex":[{"name":"X","pattern":"(a)\\1"}]}}""", "policy.custom_regex[0].pattern")]
    [InlineData("""{"name":"no policy"}""", "policy")]
    [InlineData("""{"policy":{},"name":"  "}""", "name")]
    public async Task PutPolicy_Invalid_Answers400NamingTheField(string json, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync(PolicyPath(tenant), new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], body.GetProperty("errors").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Restore_OldVersion_Answers201WithANewVersionOfItsContent()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Strict, name = "Strict" }, Cancel)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Lenient, name = "Lenient" }, Cancel)).EnsureSuccessStatusCode();
        var first = await client.GetFromJsonAsync<JsonElement>($"{PolicyPath(tenant)}/versions/1", Cancel);

        using var response = await client.PostAsync($"{PolicyPath(tenant)}/versions/1/restore", null, Cancel);
        var restored = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((3, "Strict", 1, true), (
            restored.GetProperty("version").GetInt32(), restored.GetProperty("name").GetString(),
            restored.GetProperty("restored_from").GetInt32(), restored.GetProperty("active").GetBoolean()));
        Assert.Equal(first.GetProperty("policy").GetRawText(), restored.GetProperty("policy").GetRawText());
        var active = await client.GetFromJsonAsync<JsonElement>(PolicyPath(tenant), Cancel);
        Assert.Equal(3, active.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Restore_UnknownVersion_Answers404()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Lenient }, Cancel)).EnsureSuccessStatusCode();

        using var response = await client.PostAsync($"{PolicyPath(tenant)}/versions/5/restore", null, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Restore_VersionThatNoLongerPassesTheRules_Answers409WithTheReasons()
    {
        var tenant = await fixture.NewTenantAsync();
        await using (var insert = fixture.Infrastructure.DataSource.CreateCommand(
            """
            INSERT INTO policy_versions (organization_id, project_id, version, name, document, created_by, created_at, active)
            VALUES ($1, $2, 1, 'Legacy', '{"custom_regex":[{"name":"X","pattern":"(a)\\1"}]}', 'migration', now(), true)
            """))
        {
            insert.Parameters.Add(new() { Value = tenant.OrganizationId });
            insert.Parameters.Add(new() { Value = tenant.ProjectId });
            await insert.ExecuteNonQueryAsync(Cancel);
        }

        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsync($"{PolicyPath(tenant)}/versions/1/restore", null, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["policy.custom_regex[0].pattern"], body.GetProperty("errors").EnumerateObject().Select(property => property.Name));
        Assert.Equal([1], (await client.GetFromJsonAsync<JsonElement>($"{PolicyPath(tenant)}/versions", Cancel))
            .EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("GET", "/versions")]
    [InlineData("GET", "/versions/1")]
    [InlineData("POST", "/versions/1/restore")]
    public async Task AnyPolicyRoute_AnotherOrganizationsProject_Answers404AndChangesNothing(string method, string suffix)
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        using (var owner = fixture.CreateClient(theirs.AdminToken))
        {
            (await owner.PutAsJsonAsync(PolicyPath(theirs), new { policy = Strict, name = "Theirs" }, Cancel)).EnsureSuccessStatusCode();
        }

        using var client = fixture.CreateClient(mine.AdminToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), PolicyPath(theirs) + suffix)
        {
            Content = method == "PUT" ? JsonContent.Create(new { policy = Lenient }) : null,
        };

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stillTheirs = await new PolicyRepository(
            fixture.Infrastructure.DataSource, new PolicyValidator(new CustomPatternCompiler()), TimeProvider.System).FindActiveAsync(theirs.ProjectId, Cancel);
        Assert.Equal((1, "Theirs"), (stillTheirs!.Version, stillTheirs.Name));
    }

    [Fact]
    public async Task Templates_ListsTheFiveBuiltInTemplatesWithTheirPolicies()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        var templates = await client.GetFromJsonAsync<JsonElement>("/admin/v1/policy-templates", Cancel);

        Assert.Equal(
            ["maximum-protection", "hipaa", "pci-dss", "secrets", "gdpr"],
            templates.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var pci = templates[2];
        Assert.Equal("PCI-DSS", pci.GetProperty("name").GetString());
        Assert.Equal(
            """{"entities":{"CREDIT_CARD":"BLOCK","IBAN_CODE":"BLOCK","US_BANK_NUMBER":"BLOCK"},"default_action":"OFF"}""",
            pci.GetProperty("policy").GetRawText());
    }

    [Fact]
    public async Task Templates_WithoutAdminToken_Answers401()
    {
        using var client = fixture.CreateClient(null);

        using var response = await client.GetAsync("/admin/v1/policy-templates", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PutPolicy_Template_CanBeSavedAsIs()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var hipaa = (await client.GetFromJsonAsync<JsonElement>("/admin/v1/policy-templates", Cancel))[1];

        using var response = await client.PutAsJsonAsync(
            PolicyPath(tenant), new { policy = hipaa.GetProperty("policy"), name = hipaa.GetProperty("name").GetString() }, Cancel);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("HIPAA", saved.GetProperty("name").GetString());
        Assert.Equal(PolicyTemplates.Hipaa.DocumentJson, saved.GetProperty("policy").GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveOrRestore_PublishesTheProjectIdForTheGateways(bool restore)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Lenient }, Cancel)).EnsureSuccessStatusCode();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var expected = tenant.ProjectId.ToString("D");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(PolicyChanges.Channel), (_, message) =>
        {
            if (message == expected)
            {
                received.TrySetResult(message.ToString());
            }
        });

        using var response = restore
            ? await client.PostAsync($"{PolicyPath(tenant)}/versions/1/restore", null, Cancel)
            : await client.PutAsJsonAsync(PolicyPath(tenant), new { policy = Strict }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(expected, await received.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    private static string PolicyPath(TestTenant tenant) => $"/admin/v1/projects/{tenant.ProjectId}/policy";
}
