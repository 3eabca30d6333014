using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>The table of token formats: prefix, entity, score, alphabet and length of the body.</summary>
internal static partial class SecretTokenFormats
{
    /// <summary>Body alphabets. A nested type, so they exist before <see cref="Formats"/> is built whatever the order of this partial's files.</summary>
    private static class Alphabet
    {
        public static readonly SearchValues<char> Alnum = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        public static readonly SearchValues<char> UpperAlnum = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        public static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
        public static readonly SearchValues<char> Base64Url = SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
        public static readonly SearchValues<char> AlnumUnderscore = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
        public static readonly SearchValues<char> AlnumDash = SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        public static readonly SearchValues<char> WebhookPath = SearchValues.Create("-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    }

    private static IEnumerable<TokenFormat> BuildFormats()
    {
        const string Api = EntityNames.ApiKey;
        const TokenShape Run = TokenShape.Run;

        // LLM providers first: they are what a gateway's users paste most.
        yield return new("sk-ant-", Api, 0.99, Run, Alphabet.Base64Url, 32, 200, true);
        yield return new("sk-proj-", Api, 0.95, Run, Alphabet.Base64Url, 20, 250, true);
        yield return new("sk-svcacct-", Api, 0.95, Run, Alphabet.Base64Url, 20, 250, true);
        yield return new("sk-admin-", Api, 0.95, Run, Alphabet.Base64Url, 20, 250, true);
        yield return new("sk-or-v1-", Api, 0.95, Run, Alphabet.LowerHex, 64, 64, true);
        yield return new("sk-", Api, 0.85, Run, Alphabet.Base64Url, 20, 250, true);
        yield return new("gsk_", Api, 0.9, Run, Alphabet.Alnum, 40, 64, true);
        yield return new("xai-", Api, 0.85, Run, Alphabet.Alnum, 40, 100, true);
        yield return new("pplx-", Api, 0.9, Run, Alphabet.Alnum, 40, 64, true);
        yield return new("r8_", Api, 0.85, Run, Alphabet.Alnum, 30, 40, true);
        yield return new("hf_", Api, 0.9, Run, Alphabet.Alnum, 30, 40, true);
        yield return new("AIza", Api, 0.95, Run, Alphabet.Base64Url, 35, 35, false);
        yield return new("npm_", Api, 0.95, Run, Alphabet.Alnum, 36, 36, true);
        yield return new("SK", Api, 0.8, Run, Alphabet.LowerHex, 32, 32, true);
        yield return new("SG.", Api, 0.99, TokenShape.SendGrid, Alphabet.Base64Url, 22, 43, false);
        yield return new("eyJ", Api, 0.9, TokenShape.Jwt, Alphabet.Base64Url, 10, 8192, false);
        yield return new("shpat_", Api, 0.95, Run, Alphabet.LowerHex, 32, 32, true);
        yield return new("shpss_", Api, 0.95, Run, Alphabet.LowerHex, 32, 32, true);
        yield return new("dop_v1_", Api, 0.95, Run, Alphabet.LowerHex, 64, 64, true);
        yield return new("pypi-AgEIcHlwaS5vcmc", Api, 0.95, Run, Alphabet.Base64Url, 50, 250, false);
        yield return new("whsec_", Api, 0.9, Run, Alphabet.Alnum, 24, 64, true);
        yield return new("fw_", Api, 0.85, Run, Alphabet.Alnum, 20, 40, true);
        yield return new("nvapi-", Api, 0.9, Run, Alphabet.Base64Url, 60, 72, true);
        yield return new("lsv2_", Api, 0.9, Run, Alphabet.AlnumUnderscore, 40, 64, true);
        yield return new("pcsk_", Api, 0.9, Run, Alphabet.AlnumUnderscore, 40, 120, true);
        yield return new("tvly-", Api, 0.9, Run, Alphabet.Alnum, 30, 48, true);
        yield return new("lin_api_", Api, 0.95, Run, Alphabet.Alnum, 40, 40, true);
        yield return new("secret_", Api, 0.85, Run, Alphabet.Alnum, 43, 43, true);
        yield return new("dapi", Api, 0.85, Run, Alphabet.LowerHex, 32, 32, true);
        yield return new("key-", Api, 0.8, Run, Alphabet.LowerHex, 32, 32, true);
        yield return new("ya29.", Api, 0.9, Run, Alphabet.Base64Url, 30, 2048, true);
        yield return new("sq0atp-", Api, 0.95, Run, Alphabet.Base64Url, 22, 60, true);
        yield return new("sq0csp-", Api, 0.95, Run, Alphabet.Base64Url, 40, 60, true);
        foreach (var stripe in (string[])["sk_live_", "rk_live_", "pk_live_", "sk_test_", "rk_test_", "pk_test_"])
        {
            yield return new(stripe, Api, stripe.Contains("live", StringComparison.Ordinal) ? 0.95 : 0.85, Run, Alphabet.Alnum, 16, 247, true);
        }

        foreach (var gitlab in (string[])["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-"])
        {
            yield return new(gitlab, Api, 0.95, Run, Alphabet.Base64Url, 20, 255, true);
        }

        foreach (var slack in (string[])["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xoxe.xoxp-", "xapp-"])
        {
            yield return new(slack, Api, 0.95, Run, Alphabet.AlnumDash, 10, 250, true);
        }

        foreach (var github in (string[])["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
        {
            yield return new(github, EntityNames.GitHubToken, 0.99, Run, Alphabet.Alnum, 36, 251, true);
        }

        yield return new("github_pat_", EntityNames.GitHubToken, 0.99, Run, Alphabet.AlnumUnderscore, 50, 255, true);
        foreach (var aws in (string[])["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA"])
        {
            yield return new(aws, EntityNames.AwsAccessKey, 0.95, Run, Alphabet.UpperAlnum, 16, 16, false);
        }

        yield return new(SlackWebhookPrefix, EntityNames.SlackWebhook, 0.99, TokenShape.SlackWebhook, Alphabet.WebhookPath, 20, 300, false);
    }
}
