using System.Text.Json;
using Hub.Testing;

namespace Hub.IntegrationTests.OpenAINpm;

/// <summary>
/// One npm client script, run once for a test class (its class fixture) with a fresh tenant's project
/// key, and what it printed: one JSON object, a property per scenario.
/// </summary>
/// <param name="script">The script's path below the test binaries, e.g. <c>Providers/gemini.mjs</c>.</param>
public abstract class NpmScriptRun(GatewayFixture fixture, string script) : IAsyncLifetime
{
    public JsonElement Results { get; private set; }

    protected GatewayFixture Fixture => fixture;

    public async ValueTask InitializeAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        await ArrangeAsync(tenant);
        Results = await NpmOpenAIPackage.RunAsync(fixture, script, tenant.ProjectKey, Settings(), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>What the tenant needs before the script runs (a policy, say).</summary>
    protected virtual Task ArrangeAsync(TestTenant tenant) => Task.CompletedTask;

    /// <summary>Environment variables the script reads besides <c>HUB_BASE_URL</c> and <c>HUB_API_KEY</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>();
}
