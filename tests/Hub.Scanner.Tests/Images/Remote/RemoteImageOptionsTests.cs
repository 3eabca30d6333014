using Hub.Scanner.Images.Remote;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Images.Remote;

public sealed class RemoteImageOptionsTests
{
    [Fact]
    public void Defaults_FiveSecondsThreeRedirectsHttpsOnly()
    {
        using var provider = Services([]);

        var options = provider.GetRequiredService<IOptions<RemoteImageOptions>>().Value;

        Assert.Equal(5_000, options.TimeoutMs);
        Assert.Equal(3, options.MaxRedirects);
        Assert.False(options.AllowLoopbackHttp);
        Assert.NotNull(provider.GetRequiredService<RemoteImageFetcher>());
    }

    [Theory]
    [InlineData("TimeoutMs", "0")]
    [InlineData("TimeoutMs", "600000")]
    [InlineData("MaxRedirects", "-1")]
    [InlineData("MaxRedirects", "11")]
    public void OutOfRange_Rejected(string key, string value)
    {
        using var provider = Services(new() { [$"{RemoteImageOptions.SectionName}:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RemoteImageOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging()
        .AddRemoteImages()
        .BuildServiceProvider();
}
