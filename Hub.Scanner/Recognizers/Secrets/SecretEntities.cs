using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// The secret entity types, defined once because several recognizers of this folder report the same
/// type (the catalog merges their context words, but the first description wins).
/// </summary>
internal static class SecretEntities
{
    public static readonly EntityDefinition ApiKey = new(
        EntityNames.ApiKey,
        "API key, access token, bearer token, JWT or password (well-known formats and key=value assignments).",
        ["api key", "api_key", "apikey", "key", "token", "secret", "bearer", "authorization", "password", "credential"]);

    public static readonly EntityDefinition AwsAccessKey = new(
        EntityNames.AwsAccessKey,
        "AWS access key id (AKIA…, ASIA…).",
        ["aws", "access key", "access_key", "key id", "key_id", "iam"]);

    public static readonly EntityDefinition AwsSecretKey = new(
        EntityNames.AwsSecretKey,
        "AWS secret access key (40 characters, near AWS context).",
        ["aws", "secret", "secret access key", "secret_access_key"]);

    public static readonly EntityDefinition PrivateKey = new(
        EntityNames.PrivateKey,
        "PEM or OpenSSH private key block.",
        ["private key", "private_key", "ssh", "pem", "rsa"]);

    public static readonly EntityDefinition GitHubToken = new(
        EntityNames.GitHubToken,
        "GitHub personal access, OAuth, app or refresh token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).",
        ["github", "token", "pat", "gh"]);

    public static readonly EntityDefinition SlackWebhook = new(
        EntityNames.SlackWebhook,
        "Slack incoming webhook or workflow URL (hooks.slack.com).",
        ["slack", "webhook", "hook"]);
}
