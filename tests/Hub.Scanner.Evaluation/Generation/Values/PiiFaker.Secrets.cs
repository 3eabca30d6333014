using System.Text;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>A vendor's credential and the variable name people keep it in.</summary>
internal readonly record struct ApiToken(string Vendor, string Variable, string Value);

/// <summary>API_KEY (OpenAI, Anthropic, Stripe, Google, Slack, generic), AWS keys, GITHUB_TOKEN, SLACK_WEBHOOK, PRIVATE_KEY.</summary>
internal sealed partial class PiiFaker
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64 = AlphaNumeric + "+/";

    public string AwsAccessKeyId() => (Chance(0.85) ? "AKIA" : "ASIA") + Chars(16, Base32);

    public string AwsSecretKey() => Chars(40, Base64);

    public string GitHubToken() => Int(0, 9) switch
    {
        < 5 => "ghp_" + Alnum(36),
        5 => "gho_" + Alnum(36),
        6 => "ghs_" + Alnum(36),
        7 => "ghu_" + Alnum(36),
        _ => $"github_pat_11{Chars(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}_{Alnum(59)}",
    };

    /// <summary>One of the well-known key formats, or a generic high-entropy key for a made-up service.</summary>
    public ApiToken ApiKey() => Int(0, 13) switch
    {
        0 => new("OpenAI", "OPENAI_API_KEY", $"sk-{Alnum(20)}T3BlbkFJ{Alnum(20)}"),
        1 or 2 => new("OpenAI", "OPENAI_API_KEY", $"sk-proj-{Chars(Int(40, 74), UrlSafe)}T3BlbkFJ{Chars(Int(40, 74), UrlSafe)}"),
        3 or 4 => new("Anthropic", "ANTHROPIC_API_KEY", $"sk-ant-api03-{Chars(93, UrlSafe)}AA"),
        5 => new("Stripe", "STRIPE_SECRET_KEY", $"sk_live_{Alnum(Int(24, 99))}"),
        6 => new("Stripe", "STRIPE_RESTRICTED_KEY", Pick(["rk_live_", "sk_test_"]) + Alnum(Int(24, 99))),
        7 or 8 => new("Google", "GOOGLE_API_KEY", "AIza" + Chars(35, UrlSafe)),
        9 => new("Slack", "SLACK_BOT_TOKEN", $"xoxb-{Digits(Int(10, 12))}-{Digits(Int(10, 13))}-{Alnum(24)}"),
        10 => new("Slack", "SLACK_USER_TOKEN", $"xoxp-{Digits(11)}-{Digits(11)}-{Digits(13)}-{HexLower(32)}"),
        11 => new("Hugging Face", "HF_TOKEN", "hf_" + Chars(34, AlphaNumeric)),
        12 => new("SendGrid", "SENDGRID_API_KEY", $"SG.{Chars(22, UrlSafe)}.{Chars(43, UrlSafe)}"),
        _ => new(Pick(["Mailgun", "Datadog", "Twilio", "internal"]), Pick(["API_KEY", "SERVICE_API_KEY", "DD_API_KEY", "MAILGUN_KEY"]), HexLower(32)),
    };

    /// <summary>A JSON Web Token, as sent in <c>Authorization: Bearer</c>.</summary>
    public string Jwt()
    {
        var payload = $"{{\"sub\":\"{Digits(10)}\",\"iat\":{Int(1_600_000_000, 1_800_000_000)},\"scope\":\"{Word()}\"}}";
        return $"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{Base64Url(Encoding.UTF8.GetBytes(payload))}.{Base64Url(Random.Bytes(32))}";
    }

    public string SlackWebhook() =>
        $"https://hooks.slack.com/services/T{Chars(Int(8, 10), "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}/B{Chars(Int(8, 10), "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}/{Alnum(24)}";

    /// <summary>A PEM private key block (random body; no parser checks the ASN.1). <paramref name="newline"/> is <c>\n</c>, or <c>\\n</c> inside JSON.</summary>
    public string PrivateKeyPem(string newline = "\n")
    {
        var (label, bytes) = Int(0, 5) switch
        {
            0 or 1 => ("RSA PRIVATE KEY", Int(600, 1190)),
            2 or 3 => ("PRIVATE KEY", Int(600, 1210)),
            4 => ("EC PRIVATE KEY", 121),
            _ => ("OPENSSH PRIVATE KEY", Int(380, 400)),
        };
        var body = Convert.ToBase64String(Random.Bytes(bytes));
        var lines = body.Chunk(label == "OPENSSH PRIVATE KEY" ? 70 : 64).Select(chunk => new string(chunk));
        return $"-----BEGIN {label}-----{newline}{string.Join(newline, lines)}{newline}-----END {label}-----";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
