using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Tests.Providers;

/// <summary>Bad provider configuration stops the gateway at start-up, not at the first request.</summary>
public sealed class ProvidersOptionsValidationTests
{
    [Theory]
    [InlineData("Providers:custom:ApiKey", "sk-x", "Providers:custom:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Providers:custom:Protocol", "smtp", "Providers:custom:Protocol 'smtp' is not one of")]
    [InlineData("Providers:openai:BaseUrl", "ftp://example.com/v1", "Providers:openai:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Providers:Bad_Name:BaseUrl", "http://127.0.0.1:9/v1", "Provider name 'Bad_Name'")]
    public void Start_InvalidProviderSetting_FailsWithTheReason(string key, string value, string reason)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:hubdb", "Host=127.0.0.1;Port=9;Username=x;Password=x");
            web.UseSetting("ConnectionStrings:cache", "127.0.0.1:9");
            web.UseSetting(key, value);
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
