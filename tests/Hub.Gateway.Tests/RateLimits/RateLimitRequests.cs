using System.Globalization;

namespace Hub.Gateway.Tests.RateLimits;

/// <summary>Chat requests to the fake upstream, and reading the rate limit headers of the answer.</summary>
internal static class RateLimitRequests
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? prompt = null, int? maxTokens = null)
    {
        var extra = maxTokens is { } tokens ? string.Create(CultureInfo.InvariantCulture, $",\"max_tokens\":{tokens}") : "";
        var body = $$"""{"model":"fake/fake-model","messages":[{"role":"user","content":"{{prompt ?? $"hello {Guid.NewGuid():N}"}}"}]{{extra}}}""";
        return await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), TestContext.Current.CancellationToken);
    }

    /// <summary>The header's one value, or null when absent.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : null;

    /// <summary>x-ratelimit-{limit,remaining,reset}-<paramref name="kind"/> as one string, e.g. "3 2 20s".</summary>
    public static string Limits(HttpResponseMessage response, string kind) =>
        $"{Header(response, $"x-ratelimit-limit-{kind}")} {Header(response, $"x-ratelimit-remaining-{kind}")} {Header(response, $"x-ratelimit-reset-{kind}")}";

    public static int Remaining(HttpResponseMessage response, string kind) =>
        int.Parse(Header(response, $"x-ratelimit-remaining-{kind}")!, CultureInfo.InvariantCulture);
}
