using System.Text;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Hub.Scanner.Tests.Api;

/// <summary>The scanner sees every prompt; none of it may reach a log line, on success or failure.</summary>
public sealed class TextNeverLoggedTests : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private readonly CapturingLoggerProvider logs = new();
    private readonly WebApplicationFactory<Program> factory;

    public TextNeverLoggedTests(WebApplicationFactory<Program> factory) =>
        this.factory = factory.WithWebHostBuilder(web => web.ConfigureLogging(logging =>
            logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace)));

    public void Dispose() => logs.Dispose();

    [Theory]
    [InlineData("""{"texts":["card 4111 1111 1111 1111 for CANARY"]}""")]
    [InlineData("""{"texts":["CANARY"],"policy":{"custom_regex":[{"name":"X","pattern":"(a)\\1"}]}}""")]
    [InlineData("""{"texts":["CANARY" """)]
    [InlineData("""{"texts":[{"CANARY":1}]}""")]
    public async Task Scan_AnyOutcome_LogsNoText(string template)
    {
        var canary = $"CANARY{Guid.NewGuid():N}";
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/scan", new StringContent(template.Replace("CANARY", canary, StringComparison.Ordinal), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Contains(logs.Lines, line => line.Contains("/v1/scan", StringComparison.Ordinal)); // the capture works
        Assert.DoesNotContain(logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
    }
}
