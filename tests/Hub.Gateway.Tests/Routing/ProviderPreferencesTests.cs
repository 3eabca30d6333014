using Hub.Gateway.Routing;
using static Hub.Gateway.Tests.Routing.InMemoryRoutes;

namespace Hub.Gateway.Tests.Routing;

public sealed class ProviderPreferencesTests
{
    [Fact]
    public void Parse_FullObject_ReadsEveryField()
    {
        var preferences = Request("m", ""","provider":{"order":["Groq","together"],"only":["groq"],"ignore":["x"],"allow_fallbacks":false,"data_collection":"deny","zdr":true,"sort":"throughput","max_price":{"prompt":0.5,"completion":1.25,"request":9},"quantizations":["fp8"]}""").Preferences;

        Assert.Equal(["groq", "together"], preferences.Order);
        Assert.Equal(["groq"], preferences.Only!);
        Assert.Equal(["x"], preferences.Ignore);
        Assert.False(preferences.AllowFallbacks);
        Assert.True(preferences.DenyDataCollection);
        Assert.True(preferences.ZeroDataRetention);
        Assert.Equal(ProviderSort.Throughput, preferences.Sort);
        Assert.Equal(500_000, preferences.MaxPromptMicrosPerMillion);
        Assert.Equal(1_250_000, preferences.MaxCompletionMicrosPerMillion);
    }

    [Fact]
    public void Parse_NoObject_Defaults() => Assert.Same(ProviderPreferences.None, Request("m").Preferences);

    [Theory]
    [InlineData("\"groq\"", "provider")]
    [InlineData("{\"order\":\"groq\"}", "provider.order")]
    [InlineData("{\"only\":[1]}", "provider.only")]
    [InlineData("{\"allow_fallbacks\":\"no\"}", "provider.allow_fallbacks")]
    [InlineData("{\"data_collection\":\"never\"}", "provider.data_collection")]
    [InlineData("{\"sort\":\"fastest\"}", "provider.sort")]
    [InlineData("{\"max_price\":{\"prompt\":-1}}", "provider.max_price")]
    public void Parse_WrongShape_400NamesTheField(string value, string param)
    {
        var (_, error) = Hub.Gateway.ChatCompletions.ChatRequestReader.Parse(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"model":"m","messages":[{"role":"user","content":"x"}],"provider":{{value}}}"""));

        Assert.Equal(400, error!.Status);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Parse_TwoProviderObjects_400()
    {
        var (_, error) = Hub.Gateway.ChatCompletions.ChatRequestReader.Parse(
            """{"model":"m","messages":[{"role":"user","content":"x"}],"provider":{},"provider":{"only":["a"]}}"""u8.ToArray());

        Assert.Equal("duplicate_parameter", error!.Code);
    }
}
