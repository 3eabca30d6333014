using System.Text;
using System.Text.Json;

namespace Hub.Gateway.Tests;

internal static class OpenAIAssert
{
    /// <summary>Status, OpenAI's four error keys, type and code, and the correlation id header.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status, string type, string? code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        CorrelationId(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.True(error.TryGetProperty("param", out _), "error.param must be present");
        Assert.Equal(code, error.GetProperty("code").ValueKind == JsonValueKind.Null ? null : error.GetProperty("code").GetString());
        return error.Clone();
    }

    public static string CorrelationId(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("x-hub-correlation-id", out var values), "x-hub-correlation-id missing");
        var id = Assert.Single(values);
        Assert.Matches("^req_[0-9A-Za-z]{24}$", id);
        return id;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Chat(string model, bool stream = false, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello"}]{{(stream ? ",\"stream\":true" : "")}}{{extra}}}""";
}
