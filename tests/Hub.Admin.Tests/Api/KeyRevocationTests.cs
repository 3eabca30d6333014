using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hub.Core.Keys;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Api;

public sealed class KeyRevocationTests(AdminFixture fixture)
{
    [Fact]
    public async Task Revoke_OwnKey_PublishesItsHashForTheGateways()
    {
        var cancel = TestContext.Current.CancellationToken;
        var tenant = await fixture.NewTenantAsync();
        var record = await tenant.Keys.FindAsync(tenant.ProjectKey, cancel);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.ProjectKey)));
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(KeyRevocations.Channel), (_, message) =>
        {
            if (message == expected)
            {
                received.TrySetResult(message.ToString());
            }
        });
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.DeleteAsync($"/admin/v1/keys/{record!.Id}", cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(expected, await received.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel));
    }
}
