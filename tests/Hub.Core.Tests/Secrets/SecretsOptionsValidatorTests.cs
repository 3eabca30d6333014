using Hub.Core.Secrets;
using Hub.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Hub.Core.Tests.Secrets;

public sealed class SecretsOptionsValidatorTests
{
    [Fact]
    public void Validate_ProductionWithoutMasterKey_FailsNamingTheSetting()
    {
        var result = Validator(Environments.Production).Validate(null, new SecretsOptions());

        Assert.True(result.Failed);
        Assert.Contains("Hub:Secrets:MasterKey is required in Production", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public void Validate_OutsideProductionWithoutMasterKey_Succeeds(string environment) =>
        Assert.True(Validator(environment).Validate(null, new SecretsOptions()).Succeeded);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void Validate_WithMasterKey_Succeeds(string environment) =>
        Assert.True(Validator(environment).Validate(null, new SecretsOptions { MasterKey = MasterKeyRing.NewKeyText() }).Succeeded);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void Validate_BadMasterKey_FailsWithoutTheValue(string environment)
    {
        const string Bad = "c2hvcnQga2V5IG9mIDE2IGI=";

        var result = Validator(environment).Validate(null, new SecretsOptions { MasterKey = Bad });

        Assert.True(result.Failed);
        Assert.Contains("Hub:Secrets:MasterKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Bad, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadRetiredKey_Fails()
    {
        var result = Validator(Environments.Development).Validate(
            null, new SecretsOptions { MasterKey = MasterKeyRing.NewKeyText(), RetiredMasterKeys = ["nope"] });

        Assert.Contains("Hub:Secrets:RetiredMasterKeys:0", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// What stops Hub.Gateway and Hub.Admin at boot: both call AddHubStorage, which validates
    /// Hub:Secrets on start (Hub.Gateway/GatewayExtensions.cs, Hub.Admin/AdminExtensions.cs).
    /// </summary>
    [Fact]
    public async Task HostStart_ProductionWithoutMasterKey_Throws()
    {
        using var host = HostWithStorage(Environments.Production, masterKey: null);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Hub:Secrets:MasterKey is required in Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_ProductionWithMasterKey_Starts()
    {
        using var host = HostWithStorage(Environments.Production, MasterKeyRing.NewKeyText());

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static SecretsOptionsValidator Validator(string environment) =>
        new(new HostingEnvironment { EnvironmentName = environment });

    private static IHost HostWithStorage(string environment, string? masterKey)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        if (masterKey is not null)
        {
            builder.Configuration["Hub:Secrets:MasterKey"] = masterKey;
        }

        builder.Services.AddHubStorage();
        return builder.Build();
    }
}
