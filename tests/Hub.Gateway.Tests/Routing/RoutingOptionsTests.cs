using Hub.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Hub.Gateway.Tests.Routing;

public sealed class RoutingOptionsTests
{
    [Fact]
    public void Bind_OneSettingChanged_OtherDefaultsKept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Routing:Classifications:restricted:AllowedProviders:0"] = "bedrock",
            ["Routing:Classifications:Confidential:MaxRetentionDays"] = "7",
        }).Build();

        var options = configuration.GetSection(RoutingOptions.SectionName).Get<RoutingOptions>()!;

        Assert.Equal(["bedrock"], options.Classifications.Restricted.AllowedProviders);
        Assert.Equal(0, options.Classifications.Restricted.MaxRetentionDays);
        Assert.True(options.Classifications.Restricted.DenyTraining);
        Assert.Equal(7, options.Classifications.Confidential.MaxRetentionDays);
        Assert.True(options.Classifications.Internal.DenyTraining);
        Assert.False(options.Classifications.Public.DenyTraining);
        Assert.Same(options.Classifications.Restricted, options.Classifications.For("top-secret"));
    }
}
