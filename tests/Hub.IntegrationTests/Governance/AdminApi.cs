using System.Net.Http.Json;
using System.Text.Json;
using Hub.Testing;

namespace Hub.IntegrationTests.Governance;

/// <summary>The admin API calls the governance tests make, as a script or the console would.</summary>
internal static class AdminApi
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> SavePolicyAsync(this HttpClient admin, Guid projectId, string policyJson)
    {
        using var content = new StringContent($$"""{"name":"test","policy":{{policyJson}}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PutAsync($"projects/{projectId}/policy", content, Cancel);
        return await ReadSuccessAsync(response);
    }

    public static async Task<JsonElement> RestorePolicyAsync(this HttpClient admin, Guid projectId, int version)
    {
        using var response = await admin.PostAsync($"projects/{projectId}/policy/versions/{version}/restore", null, Cancel);
        return await ReadSuccessAsync(response);
    }

    /// <summary>The audit events of one request (none yet, or one).</summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditEventsAsync(this HttpClient admin, string correlationId)
    {
        using var response = await admin.GetAsync($"audit?correlation_id={Uri.EscapeDataString(correlationId)}", Cancel);
        var body = await ReadSuccessAsync(response);
        var events = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("data");
        return [.. events.EnumerateArray()];
    }

    /// <summary>Waits until Hub.Admin's audit consumer has moved the request's event to Postgres.</summary>
    public static async Task<JsonElement> WaitForAuditEventAsync(this HttpClient admin, string correlationId)
    {
        var events = await Eventually.Until(
            () => admin.AuditEventsAsync(correlationId), found => found.Count == 1, $"the audit event of {correlationId} in Postgres", TimeSpan.FromSeconds(15));
        return events[0];
    }

    /// <summary>Stores the organization's own key for <paramref name="provider"/>, as <c>PUT /admin/v1/byok/{provider}</c>.</summary>
    public static async Task<JsonElement> StoreProviderKeyAsync(this HttpClient admin, string provider, string apiKey)
    {
        using var response = await admin.PutAsJsonAsync($"byok/{provider}", new { credentials = new { api_key = apiKey }, label = "test" }, Cancel);
        return await ReadSuccessAsync(response);
    }

    public static async Task<JsonElement> VerifyAuditAsync(this HttpClient admin)
    {
        using var response = await admin.GetAsync("audit/verify", Cancel);
        return await ReadSuccessAsync(response);
    }

    private static async Task<JsonElement> ReadSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
