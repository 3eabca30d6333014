using Hub.Core.Entities;
using Hub.Scanner.Recognizers;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class SecretTokenRecognizerTests
{
    // Tokens are split into prefix + body so that secret scanners do not flag this file.
    private const string Base62x36 = "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGh";
    private const string Base62x48 = "T9kLm2Qx7VbN4pRz8WcY1dFgH5jKs3AeU6iOt0yMq2Lr8XvB";
    private const string Base64Url93 = "Xy7_Kp2-Lm9QrT4vWz8BcD1fGh5JkN3sA6eU0iO_PqRsTuVwXyZ-abcdEFGH1234ijklMNOP5678qrstUVWX9012yzAB";

    private readonly SecretTokenRecognizer recognizer = new();

    [Theory]
    [InlineData("OPENAI_API_KEY=" + "sk-" + Base62x48, "sk-" + Base62x48, EntityNames.ApiKey)]
    [InlineData("key: sk-" + "proj-" + Base64Url93 + " done", "sk-" + "proj-" + Base64Url93, EntityNames.ApiKey)]
    [InlineData("use sk-" + "svcacct-" + Base62x48, "sk-" + "svcacct-" + Base62x48, EntityNames.ApiKey)]
    [InlineData("\"sk-" + "ant-api03-" + Base64Url93 + "AA\"", "sk-" + "ant-api03-" + Base64Url93 + "AA", EntityNames.ApiKey)]
    [InlineData("stripe sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc", "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc", EntityNames.ApiKey)]
    [InlineData("rk_" + "live_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh", "rk_" + "live_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh", EntityNames.ApiKey)]
    [InlineData("test key sk_" + "test_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh.", "sk_" + "test_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh", EntityNames.ApiKey)]
    [InlineData("pk_" + "live_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh", "pk_" + "live_" + "51HbX2eKq9Zz3ab4Cd5Ef6Gh", EntityNames.ApiKey)]
    [InlineData("maps?key=AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY&x=1", "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", EntityNames.ApiKey)]
    [InlineData("glpat-" + "xK3mP9qR2sT5vW8yZ1bC", "glpat-" + "xK3mP9qR2sT5vW8yZ1bC", EntityNames.ApiKey)]
    [InlineData("HF_TOKEN=hf_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH", "hf_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH", EntityNames.ApiKey)]
    [InlineData("//registry.npmjs.org/:_authToken=npm_" + Base62x36, "npm_" + Base62x36, EntityNames.ApiKey)]
    [InlineData("SG." + "ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr", "SG." + "ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr", EntityNames.ApiKey)]
    [InlineData("twilio SK" + "0123456789abcdef0123456789abcdef", "SK" + "0123456789abcdef0123456789abcdef", EntityNames.ApiKey)]
    [InlineData("bot xox" + "b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xox" + "b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", EntityNames.ApiKey)]
    [InlineData("user xox" + "p-123456789012-123456789012-123456789012-0123456789abcdef0123456789abcdef", "xox" + "p-123456789012-123456789012-123456789012-0123456789abcdef0123456789abcdef", EntityNames.ApiKey)]
    [InlineData("gsk_" + Base62x48 + "abcd", "gsk_" + Base62x48 + "abcd", EntityNames.ApiKey)]
    [InlineData("DATABRICKS_TOKEN dapi" + "0123456789abcdef0123456789abcdef", "dapi" + "0123456789abcdef0123456789abcdef", EntityNames.ApiKey)]
    [InlineData("Bearer ya29." + "a0AfH6SMBx3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2f", "ya29." + "a0AfH6SMBx3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2f", EntityNames.ApiKey)]
    [InlineData("tvly-" + "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD", "tvly-" + "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD", EntityNames.ApiKey)]
    [InlineData("token ghp_" + Base62x36, "ghp_" + Base62x36, EntityNames.GitHubToken)]
    [InlineData("gho_" + Base62x36, "gho_" + Base62x36, EntityNames.GitHubToken)]
    [InlineData("ghu_" + Base62x36 + ",", "ghu_" + Base62x36, EntityNames.GitHubToken)]
    [InlineData("(ghs_" + Base62x36 + ")", "ghs_" + Base62x36, EntityNames.GitHubToken)]
    [InlineData("ghr_" + Base62x36, "ghr_" + Base62x36, EntityNames.GitHubToken)]
    [InlineData("github_" + "pat_11ABCDEFG0123456789abc_" + "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGhaZ3kP9qW2xL7mN4bV8cR1tY", "github_" + "pat_11ABCDEFG0123456789abc_" + "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGhaZ3kP9qW2xL7mN4bV8cR1tY", EntityNames.GitHubToken)]
    [InlineData("aws_access_key_id = AKIA" + "Z7Q3XJ4K2M5N8P6R", "AKIA" + "Z7Q3XJ4K2M5N8P6R", EntityNames.AwsAccessKey)]
    [InlineData("\"ASIA" + "Y34FZKBOKMUTVV7A\"", "ASIA" + "Y34FZKBOKMUTVV7A", EntityNames.AwsAccessKey)]
    [InlineData("role AROA" + "3XFRBF535PLBIFPI", "AROA" + "3XFRBF535PLBIFPI", EntityNames.AwsAccessKey)]
    [InlineData("post to https://hooks.slack.com/" + "services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX now", "https://hooks.slack.com/" + "services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", EntityNames.SlackWebhook)]
    [InlineData("hooks.slack.com/" + "workflows/T01ABCDEF/A02BCDEFG/123456789/abcdefghijKLMNOP", "hooks.slack.com/" + "workflows/T01ABCDEF/A02BCDEFG/123456789/abcdefghijKLMNOP", EntityNames.SlackWebhook)]
    public void Analyze_KnownFormat_ReportsExactSpan(string text, string expected, string entity)
    {
        var result = RecognizerAssert.Finds(recognizer, text, entity, expected);

        Assert.InRange(result.Score, 0.8, 1.0);
    }

    [Theory]
    [InlineData("Authorization: Bearer eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", 0.9)]
    [InlineData("unsigned eyJ" + "hbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0. done", "eyJ" + "hbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.", 0.6)]
    public void Analyze_Jwt_ReportsApiKeyScoredBySignature(string text, string expected, double score)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.ApiKey, expected);

        Assert.Equal(score, result.Score);
    }

    [Theory]
    [InlineData("sk-" + "short123")]
    [InlineData("sk-" + "this-is-not-a-real-key-at-all")]
    [InlineData("sk-" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("task-" + "Ab3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGh")]
    [InlineData("ghp_" + "aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5")]
    [InlineData("ghp_" + "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX1")]
    [InlineData("ghx_" + Base62x36)]
    [InlineData("AKIA" + "IOSFODNN7EXAMPL")]
    [InlineData("AKIA" + "Z7Q3XJ4K2M5N8P6R12")]
    [InlineData("AKIA" + "iosfodnn7example")]
    [InlineData("AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFM")]
    [InlineData("xox" + "b-not-a-real-token")]
    [InlineData("SK" + "0123456789abcdef0123456789abcdeg")]
    [InlineData("ASIA is a continent; ASIAN markets")]
    [InlineData("eyJ" + "hbGciOiJIUzI1NiJ9 without payload")]
    [InlineData("https://hooks.slack.com/" + "about")]
    public void Analyze_NearMiss_ReportsNothing(string text)
    {
        Assert.Empty(ScannerTestKit.Raw(recognizer, text));
    }

    [Fact]
    public void Analyze_DocumentedAwsExampleKey_IsStillReported()
    {
        var result = Assert.Single(ScannerTestKit.Raw(recognizer, "The AWS docs use AKIA" + "IOSFODNN7EXAMPLE as an example"));

        Assert.Equal((EntityNames.AwsAccessKey, 17, 37), (result.Entity, result.Start, result.End));
    }

    [Fact]
    public void Analyze_GitHubTokenDisabled_ReportsOnlyEnabled()
    {
        var results = new List<RecognizerResult>();

        recognizer.Analyze("ghp_" + Base62x36 + " AKIA" + "Z7Q3XJ4K2M5N8P6R", new HashSet<string> { EntityNames.AwsAccessKey }, results);

        Assert.Equal(EntityNames.AwsAccessKey, Assert.Single(results).Entity);
    }

    [Theory]
    [InlineData("sk-")]
    [InlineData("-")]
    [InlineData("ghp_")]
    [InlineData("AKIA")]
    [InlineData("eyJa.")]
    [InlineData("a")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count < 10, $"{results.Count} findings");
    }

    [Fact]
    public void Scan_SlackWebhook_IsSlackWebhookNotUrl()
    {
        var text = "Alert via https://hooks.slack.com/" + "services/T024BE7LD/B01234567/abcdefghijklmnopqrstuvwx please.";

        Assert.Equal(["https://hooks.slack.com/" + "services/T024BE7LD/B01234567/abcdefghijklmnopqrstuvwx"], ScannerTestKit.Found(text, EntityNames.SlackWebhook));
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.Url));
    }

    [Fact]
    public void Scan_GitHubTokenAssigned_IsGitHubTokenNotApiKey()
    {
        var text = "GITHUB_TOKEN=ghp_" + Base62x36;

        Assert.Equal(["ghp_" + Base62x36], ScannerTestKit.Found(text, EntityNames.GitHubToken));
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.ApiKey));
    }
}
