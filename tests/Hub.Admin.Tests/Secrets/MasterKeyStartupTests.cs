using Hub.Core.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Tests.Secrets;

/// <summary>Hub refuses to start in Production without a master key (and the gateway the same way: Hub.Core.Tests, SecretsOptionsValidatorTests).</summary>
public sealed class MasterKeyStartupTests(AdminFixture fixture)
{
    [Fact]
    public async Task Start_ProductionWithoutMasterKey_Refuses()
    {
        await using var factory = Production(masterKey: null);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Hub:Secrets:MasterKey is required in Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithBadMasterKey_RefusesWithoutPrintingIt()
    {
        const string Bad = "dG9vIHNob3J0";
        await using var factory = Production(masterKey: Bad);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Hub:Secrets:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Bad, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithMasterKey_IsHealthy()
    {
        await using var factory = Production(MasterKeyRing.NewKeyText());
        using var client = factory.CreateClient();

        await AdminFixture.WaitUntilHealthyAsync(client);
    }

    private WebApplicationFactory<Program> Production(string? masterKey) => fixture.CreateFactory().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Production");

        // The fixture's factory sets a key: an empty value is none.
        web.UseSetting("Hub:Secrets:MasterKey", masterKey ?? "");
    });
}
