using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Byok;

/// <summary>Fresh provider keys of the right shape for each provider, and the requests that store them.</summary>
internal static class ByokSamples
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string OpenAIKey() => "sk-byok-" + Random(Alphanumeric, 32);

    public static string GroqKey() => "gsk_" + Random(Alphanumeric, 32);

    public static string AnthropicKey() => "sk-ant-byok-" + Random(Alphanumeric, 32);

    public static string GeminiKey() => "AIza" + Random(Alphanumeric + "-_", 35);

    public static string AzureKey() => Random(Alphanumeric, 32);

    public static string AwsAccessKeyId(string prefix = "AKIA") => prefix + Random(UpperAlphanumeric, 16);

    public static string AwsSecretAccessKey() => Random(Alphanumeric + "/+", 40);

    public static string BedrockApiKey() => "ABSK" + Random(Alphanumeric, 40);

    public static object ApiKeyBody(string apiKey, string? label = null, bool? verify = null) =>
        new { credentials = new { api_key = apiKey }, label, verify };

    public static object AwsBody(string accessKeyId, string secret, string region = "us-east-1", string? sessionToken = null, bool? verify = null) =>
        new { credentials = new { access_key_id = accessKeyId, secret_access_key = secret, session_token = sessionToken, region }, verify };

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PutKeyAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    /// <summary>Completes with the first message published on <paramref name="channel"/> that equals <paramref name="expected"/>.</summary>
    public static async Task<Task<string>> SubscribeAsync(IConnectionMultiplexer redis, string channel, string expected)
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) =>
        {
            if (message == expected)
            {
                received.TrySetResult(message.ToString());
            }
        });
        return received.Task;
    }

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
