using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hub.AppHost.LocalServers;
using Hub.Testing;
using Npgsql;
using OpenAI;
using OpenAI.Chat;
using StackExchange.Redis;

namespace Hub.IntegrationTests.Governance;

/// <summary>
/// The prompt is never stored: requests carry unique canary values (an SSN, an e-mail address, an
/// ordinary sentence), and afterwards a full dump of Postgres, every key and value in Redis, every
/// log line of the three services and every trace span they made are searched. No canary may appear.
/// Neither may an organization's own provider key, stored through the admin API and used by a request
/// (it is in Postgres only sealed, and in the clear only on its way to the provider), nor the master
/// key that wraps the data keys sealing it.
/// </summary>
public sealed class CanaryTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CanaryValues_AppearNowhere_InPostgresRedisLogsOrTraces()
    {
        var spans = new ConcurrentSpans();
        using var listener = spans.Listen();
        var canaries = Canaries.Create();
        var tenant = await fixture.NewTenantAsync();
        var blockingTenant = await fixture.NewTenantAsync();
        var byokTenant = await fixture.NewTenantAsync();
        fixture.Upstream.AcceptKey(canaries.ProviderKey);
        using (var byokAdmin = fixture.CreateAdminClient(byokTenant))
        {
            await byokAdmin.StoreProviderKeyAsync("fake", canaries.ProviderKey);
        }

        using var admin = fixture.CreateAdminClient(blockingTenant);
        await admin.SavePolicyAsync(blockingTenant.ProjectId, """{"entities":{"US_SSN":"BLOCK"}}""");

        var prompt = $"{canaries.Sentence} My SSN is {canaries.Ssn} and my e-mail is {canaries.Email}.";
        var correlationIds = new List<string>();
        foreach (var (key, model, stream) in new[]
        {
            (tenant.ProjectKey, "fake/fake-model", false),
            (tenant.ProjectKey, "mock/echo", true),
            (blockingTenant.ProjectKey, "fake/fake-model", false),
            (byokTenant.ProjectKey, "fake/fake-model", true),
        })
        {
            correlationIds.Add(await SendAsync(key, model, stream, prompt));
        }

        using var tenantAdmin = fixture.CreateAdminClient(tenant);
        await tenantAdmin.WaitForAuditEventAsync(correlationIds[0]);
        await tenantAdmin.WaitForAuditEventAsync(correlationIds[1]);
        await admin.WaitForAuditEventAsync(correlationIds[2]);
        using var byokTenantAdmin = fixture.CreateAdminClient(byokTenant);
        var byokEvent = await byokTenantAdmin.WaitForAuditEventAsync(correlationIds[3]);
        Assert.Equal("byok", byokEvent.GetProperty("billing").GetString());
        Assert.Contains(fixture.Upstream.Requests, request => request.Authorization == $"Bearer {canaries.ProviderKey}");

        var places = new Dictionary<string, string>
        {
            ["postgres dump"] = await DumpPostgresAsync(),
            ["redis keyspace"] = await DumpRedisAsync(),
            ["logs"] = string.Join('\n', fixture.Logs.Lines),
            ["traces"] = spans.Text(),
        };
        Assert.True(places.Values.All(text => text.Length > 0));
        foreach (var (place, text) in places)
        {
            foreach (var canary in canaries.All.Append(KestrelTestServer.MasterKey))
            {
                Assert.False(text.Contains(canary, StringComparison.Ordinal), $"Canary '{canary}' found in the {place}.");
            }
        }

        // The search can fail: the dump does hold what Hub stores about these requests.
        Assert.Contains(correlationIds[2], places["postgres dump"], StringComparison.Ordinal);
    }

    private async Task<string> SendAsync(string apiKey, string model, bool stream, string prompt)
    {
        var correlation = new CorrelationCapture();
        var options = new OpenAIClientOptions { Endpoint = fixture.BaseUrl };
        options.AddPolicy(correlation, PipelinePosition.PerCall);
        var client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
        List<ChatMessage> messages = [new SystemChatMessage("Be brief."), new UserChatMessage(prompt)];
        try
        {
            if (stream)
            {
                await foreach (var _ in client.CompleteChatStreamingAsync(messages, cancellationToken: Cancel))
                {
                }
            }
            else
            {
                await client.CompleteChatAsync(messages, cancellationToken: Cancel);
            }
        }
        catch (ClientResultException blocked) when (blocked.Status == 400)
        {
            // The blocking tenant's request: refused, and audited all the same.
        }

        return correlation.Last ?? throw new InvalidOperationException("No correlation id.");
    }

    /// <summary>Remembers the <c>x-hub-correlation-id</c> of the last response the SDK received.</summary>
    private sealed class CorrelationCapture : PipelinePolicy
    {
        public string? Last { get; private set; }

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            ProcessNext(message, pipeline, currentIndex);
            Remember(message);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            await ProcessNextAsync(message, pipeline, currentIndex);
            Remember(message);
        }

        private void Remember(PipelineMessage message)
        {
            if (message.Response?.Headers.TryGetValue("x-hub-correlation-id", out var id) == true)
            {
                Last = id;
            }
        }
    }

    private async Task<string> DumpPostgresAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Infrastructure.DatabaseConnectionString);
        var start = new ProcessStartInfo(ServerPrograms.Require("pg_dump", ServerPrograms.PostgresInstallHint))
        {
            ArgumentList = { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--username", connection.Username!, "--no-password", connection.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (connection.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var dump = await process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {errors}");
        return dump;
    }

    /// <summary>Every key and every value of every type, as text.</summary>
    private async Task<string> DumpRedisAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString + ",allowAdmin=true");
        var database = redis.GetDatabase();
        var text = new StringBuilder();
        foreach (var key in redis.GetServers()[0].Keys(pattern: "*"))
        {
            text.AppendLine(key.ToString());
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.String: text.AppendLine(await database.StringGetAsync(key)); break;
                case RedisType.Hash: foreach (var entry in await database.HashGetAllAsync(key)) { text.AppendLine($"{entry.Name}={entry.Value}"); } break;
                case RedisType.List: foreach (var item in await database.ListRangeAsync(key)) { text.AppendLine(item); } break;
                case RedisType.Set: foreach (var item in await database.SetMembersAsync(key)) { text.AppendLine(item); } break;
                case RedisType.SortedSet: foreach (var item in await database.SortedSetRangeByRankAsync(key)) { text.AppendLine(item); } break;
                case RedisType.Stream:
                    foreach (var entry in await database.StreamRangeAsync(key))
                    {
                        foreach (var field in entry.Values)
                        {
                            text.AppendLine($"{field.Name}={field.Value}");
                        }
                    }

                    break;
                default: text.AppendLine("(other type)"); break;
            }
        }

        return text.ToString();
    }

    /// <summary>Values unique to this run, so a hit cannot come from another test.</summary>
    private sealed record Canaries(string Ssn, string Email, string Sentence, string ProviderKey)
    {
        public IEnumerable<string> All => [Ssn, Ssn.Replace("-", "", StringComparison.Ordinal), Email, Sentence, Sentence[..30], ProviderKey, ProviderKey[..^4], ProviderKey[8..]];

        public static Canaries Create()
        {
            var area = RandomNumberGenerator.GetInt32(100, 600);
            var group = RandomNumberGenerator.GetInt32(10, 100);
            var serial = RandomNumberGenerator.GetInt32(1000, 10000);
            var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            return new Canaries($"{area}-{group}-{serial}", $"canary.{tag}@example.com", $"Violet harbour lanterns {tag} drift past the quiet mill.",
                $"sk-canary-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}");
        }
    }

    /// <summary>Every span any source in this process starts, with its name, tags and events.</summary>
    private sealed class ConcurrentSpans
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public ActivityListener Listen()
        {
            var listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    lines.Enqueue($"{activity.Source.Name} {activity.DisplayName} {activity.StatusDescription}");
                    foreach (var tag in activity.TagObjects)
                    {
                        lines.Enqueue($"{tag.Key}={tag.Value}");
                    }

                    foreach (var activityEvent in activity.Events)
                    {
                        lines.Enqueue(activityEvent.Name);
                        foreach (var tag in activityEvent.Tags)
                        {
                            lines.Enqueue($"{tag.Key}={tag.Value}");
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);
            return listener;
        }

        public string Text() => string.Join('\n', lines);
    }
}
