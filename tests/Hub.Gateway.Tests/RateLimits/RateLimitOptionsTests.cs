using Hub.Gateway.RateLimits;
using Microsoft.Extensions.Configuration;

namespace Hub.Gateway.Tests.RateLimits;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Defaults_UnlimitedWithLoopProtectionAt20In60Seconds()
    {
        var options = new RateLimitOptions();

        Assert.Null(options.Key.RequestsPerMinute);
        Assert.Null(options.Key.TokensPerMinute);
        Assert.Null(options.Project.RequestsPerMinute);
        Assert.Null(options.Project.TokensPerMinute);
        Assert.Equal(20, options.Loop.MaxRepeats);
        Assert.Equal(60, options.Loop.WindowSeconds);
        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Key:RequestsPerMinute", "0")]
    [InlineData("Key:TokensPerMinute", "-1")]
    [InlineData("Project:RequestsPerMinute", "0")]
    [InlineData("Project:TokensPerMinute", "0")]
    [InlineData("Loop:MaxRepeats", "-1")]
    [InlineData("Loop:WindowSeconds", "0")]
    public void Validate_OutOfRange_Fails(string setting, string value)
    {
        var options = Bind(new() { [setting] = value });

        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Bind_DocumentedKeys_SetEveryValue()
    {
        var options = Bind(new()
        {
            ["Key:RequestsPerMinute"] = "3", ["Key:TokensPerMinute"] = "4", ["Project:RequestsPerMinute"] = "5",
            ["Project:TokensPerMinute"] = "6", ["Loop:MaxRepeats"] = "0", ["Loop:WindowSeconds"] = "8",
        });

        Assert.Equal(
            (3, 4, 5, 6, 0, 8),
            (options.Key.RequestsPerMinute, options.Key.TokensPerMinute, options.Project.RequestsPerMinute, options.Project.TokensPerMinute,
                options.Loop.MaxRepeats, options.Loop.WindowSeconds));
        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    /// <summary>Options as the gateway binds them from <c>RateLimits:…</c>.</summary>
    private static RateLimitOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(setting => $"{RateLimitOptions.SectionName}:{setting.Key}", setting => setting.Value))
            .Build();
        var options = new RateLimitOptions();
        configuration.GetSection(RateLimitOptions.SectionName).Bind(options);
        return options;
    }
}
