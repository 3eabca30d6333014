using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Byok;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary>Credentials are checked by shape, per protocol, before anything is stored; errors name the field, never the value.</summary>
public sealed class ByokShapeTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("openai", """{"api_key":"gsk_abcdefghijklmnopqrstuvwx"}""", "credentials.api_key")]
    [InlineData("openai", """{"api_key":"sk-short"}""", "credentials.api_key")]
    [InlineData("openai", """{"api_key":"sk-abcdefgh ijklmnopqrstuvwx"}""", "credentials.api_key")]
    [InlineData("openai", """{"api_key":"sk-abcdefghijklmnopqrstuvwx","access_key_id":"AKIAABCDEFGHIJKLMNOP"}""", "credentials.access_key_id")]
    [InlineData("openai", """{"api_key":"sk-abcdefghijklmnopqrstuvwx","region":"us-east-1"}""", "credentials.region")]
    [InlineData("groq", """{"api_key":"sk-abcdefghijklmnopqrstuvwx"}""", "credentials.api_key")]
    [InlineData("anthropic", """{"api_key":"sk-abcdefghijklmnopqrstuvwx"}""", "credentials.api_key")]
    [InlineData("azure", """{"api_key":"abcdefghijklmnopqrstuvwx","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}""", "credentials.secret_access_key")]
    [InlineData("gemini", """{"api_key":"abcdefghijklmnopqrstuvwxyzabcdefghijklm"}""", "credentials.api_key")]
    [InlineData("gemini", """{"api_key":"AIzaShortKey0000000000"}""", "credentials.api_key")]
    [InlineData("bedrock", """{"access_key_id":"AKIAABCDEFGHIJKLMNOP","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}""", "credentials.region")]
    [InlineData("bedrock", """{"access_key_id":"AKIAABCDEFGHIJKLMNOP","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","region":"Frankfurt"}""", "credentials.region")]
    [InlineData("bedrock", """{"access_key_id":"AKIAabc","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","region":"us-east-1"}""", "credentials.access_key_id")]
    [InlineData("bedrock", """{"access_key_id":"AKIAABCDEFGHIJKLMNOP","secret_access_key":"tooShortSecret","region":"us-east-1"}""", "credentials.secret_access_key")]
    [InlineData("bedrock", """{"access_key_id":"ASIAABCDEFGHIJKLMNOP","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","region":"us-east-1"}""", "credentials.session_token")]
    [InlineData("bedrock", """{"api_key":"ABSKabcdefghijklmnopqrstuvwx","access_key_id":"AKIAABCDEFGHIJKLMNOP","region":"us-east-1"}""", "credentials")]
    [InlineData("bedrock", """{"region":"us-east-1"}""", "credentials.access_key_id")]
    public async Task Put_CredentialsOfTheWrongShape_400NamingTheFieldNotTheValue(string provider, string credentials, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync($"/admin/v1/byok/{provider}", Json($$"""{"credentials":{{credentials}}}"""), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var problem = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        foreach (var value in JsonDocument.Parse(credentials).RootElement.EnumerateObject().Select(property => property.Value.GetString()!))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        Assert.Empty(await fixture.Factory.Services.GetRequiredService<ByokRepository>().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Theory]
    [InlineData("openai", """{"api_key":"sk-proj-abcdefghijklmnopqrstuvwx"}""", "uvwx")]
    [InlineData("azure", """{"api_key":"0123456789abcdef0123456789abcdef"}""", "cdef")]
    [InlineData("gemini", """{"api_key":"AIzaSyA-abcdefghijklmnopqrstuvwxyz_0123"}""", "0123")]
    [InlineData("bedrock", """{"access_key_id":"AKIAABCDEFGHIJKLMNOP","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","region":"eu-central-1"}""", "MNOP")]
    [InlineData("bedrock", """{"access_key_id":"ASIAABCDEFGHIJKLMNOP","secret_access_key":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","session_token":"IQoJb3JpZ2luX2VjEFAKEtoken","region":"us-east-1"}""", "MNOP")]
    [InlineData("bedrock", """{"api_key":"ABSKabcdefghijklmnopqrstuvwx","region":"us-west-2"}""", "uvwx")]
    public async Task Put_CredentialsOfTheRightShape_StoredWithTheLastFourOfTheKeyOrKeyId(string provider, string credentials, string last4)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync($"/admin/v1/byok/{provider}", Json($$"""{"credentials":{{credentials}}}"""), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(last4, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("last4").GetString());
    }
}
