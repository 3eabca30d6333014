using Hub.Core.Policies;

namespace Hub.Core.Tests.Policies;

public sealed class PolicyJsonTests
{
    [Fact]
    public void Serialize_FullDocument_IsCompactSnakeCaseWithReadablePatterns()
    {
        var document = new PolicyDocument(
            Entities: new Dictionary<string, string> { ["US_SSN"] = "BLOCK" }, DefaultAction: "REDACT", MinScore: 0.6, Placeholder: "numbered",
            CustomRegex: [new CustomEntityPattern("PRJ", "PRJ-[A-Z]{2}-\\d+<&'", "LOG", 0.9)]);

        var json = PolicyJson.Serialize(document);

        Assert.Equal(
            """{"entities":{"US_SSN":"BLOCK"},"default_action":"REDACT","min_score":0.6,"placeholder":"numbered","custom_regex":[{"name":"PRJ","pattern":"PRJ-[A-Z]{2}-\\d+<&'","action":"LOG","score":0.9}]}""",
            json);
    }

    [Fact]
    public void Serialize_AbsentFields_AreLeftOut()
    {
        var json = PolicyJson.Serialize(new PolicyDocument(CustomRegex: [new CustomEntityPattern("X", "x")]));

        Assert.Equal("""{"custom_regex":[{"name":"X","pattern":"x"}]}""", json);
    }

    [Fact]
    public void Serialize_Entities_AreInOrdinalOrderWhateverTheInputOrder()
    {
        var document = new PolicyDocument(Entities: new Dictionary<string, string> { ["US_SSN"] = "BLOCK", ["PERSON"] = "LOG", ["API_KEY"] = "OFF" });

        var json = PolicyJson.Serialize(document);

        Assert.Equal("""{"entities":{"API_KEY":"OFF","PERSON":"LOG","US_SSN":"BLOCK"}}""", json);
    }

    [Fact]
    public void Deserialize_ScanApiShape_ReadsEveryField()
    {
        var document = PolicyJson.Deserialize(
            """{"entities":{"EMAIL_ADDRESS":"LOG"},"default_action":"OFF","min_score":0.4,"placeholder":"type","custom_regex":[{"name":"T","pattern":"T-\\d","action":"BLOCK","score":1}]}""");

        Assert.Equal("LOG", document.Entities!["EMAIL_ADDRESS"]);
        Assert.Equal(("OFF", 0.4, "type"), (document.DefaultAction, document.MinScore, document.Placeholder));
        Assert.Equal(new CustomEntityPattern("T", "T-\\d", "BLOCK", 1), Assert.Single(document.CustomRegex!));
    }

    [Fact]
    public void Deserialize_Null_Throws() => Assert.Throws<System.Text.Json.JsonException>(() => PolicyJson.Deserialize("null"));
}
