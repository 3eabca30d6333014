using Hub.Core.Keys;
using Hub.Core.Randomness;

namespace Hub.Gateway.Tests.Auth;

/// <summary>A key past its rotation date (90 days by default) keeps working, and every response says so.</summary>
public sealed class KeyRotationReminderTests(GatewayFixture fixture)
{
    [Fact]
    public async Task KeyOlderThanTheReminder_WorksAndCarriesTheDueDate_NewKeyDoesNot()
    {
        var tenant = await fixture.NewTenantAsync();
        var created = DateTimeOffset.UtcNow.AddDays(-91);
        var oldKeys = new ApiKeyRepository(fixture.Infrastructure.DataSource, CryptoRandomSource.Instance, new FixedTime(created));
        var oldKey = await oldKeys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, ApiKeyKind.Project, null, null, TestContext.Current.CancellationToken);

        using var oldClient = fixture.CreateClient(oldKey.Key);
        using var newClient = fixture.CreateClient(tenant.ProjectKey);
        using var oldResponse = await oldClient.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        using var newResponse = await newClient.GetAsync("/v1/models", TestContext.Current.CancellationToken);

        Assert.True(oldResponse.IsSuccessStatusCode);
        Assert.Equal(created.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(oldResponse.Headers.GetValues("x-hub-key-rotation-due")));
        Assert.True(newResponse.IsSuccessStatusCode);
        Assert.False(newResponse.Headers.Contains("x-hub-key-rotation-due"));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
