using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>Code and configuration pasted into a prompt: <c>.env</c> files, YAML, source, stack traces, curl, PEM keys.</summary>
internal static class CodeSnippets
{
    private static readonly Func<PiiFaker, string>[] Templates =
    [
        DotEnv,
        f => $"aws:\n  region: {f.Pick(["us-east-1", "eu-west-1", "ap-southeast-2"])}\n  access_key_id: {f.AwsAccessKeyId().As(E.AwsAccessKey)}\n  secret_access_key: {f.AwsSecretKey().As(E.AwsSecretKey)}\nnotify:\n  email: {f.Email().As(E.EmailAddress)}\n  retries: 3",
        f => $"[default]\naws_access_key_id = {f.AwsAccessKeyId().As(E.AwsAccessKey)}\naws_secret_access_key = {f.AwsSecretKey().As(E.AwsSecretKey)}\nregion = us-west-2",
        f => $"s3 = boto3.client(\n    \"s3\",\n    aws_access_key_id=\"{f.AwsAccessKeyId().As(E.AwsAccessKey)}\",\n    aws_secret_access_key=\"{f.AwsSecretKey().As(E.AwsSecretKey)}\",\n)\ns3.upload_file(\"report.csv\", \"{f.Word()}-exports\", \"report.csv\")",
        f => $"import stripe\nstripe.api_key = \"{f.ApiKey().Value.As(E.ApiKey)}\"\ncustomer = stripe.Customer.create(email=\"{f.Email().As(E.EmailAddress)}\", name=\"{f.Person().Full.As(E.Person)}\")",
        f => $"const octokit = new Octokit({{ auth: \"{f.GitHubToken().As(E.GitHubToken)}\" }});\nawait octokit.repos.createForAuthenticatedUser({{ name: \"{f.Word()}-service\" }});",
        f => $"curl {"https://api.openai.com/v1/chat/completions".As(E.Url)} \\\n  -H \"Authorization: Bearer {f.ApiKey().Value.As(E.ApiKey)}\" \\\n  -H \"Content-Type: application/json\" \\\n  -d '{{\"model\": \"gpt-4o\", \"messages\": [{{\"role\": \"user\", \"content\": \"Email {f.Email().As(E.EmailAddress)} about the delay\"}}]}}'",
        f => $"curl -s {f.Url().As(E.Url)} -H \"X-API-Key: {f.ApiKey().Value.As(E.ApiKey)}\" | jq .",
        f => $"curl -X POST -H 'Content-type: application/json' --data '{{\"text\":\"Deploy of build {f.Digits(4)} finished\"}}' {f.SlackWebhook().As(E.SlackWebhook)}",
        f => $"curl -H \"Authorization: Bearer {f.Jwt().As(E.ApiKey)}\" {$"https://api.{f.En.Internet.DomainName()}/v2/users/{f.Digits(5)}".As(E.Url)}",
        StackTrace,
        f => $"$ cat ~/.ssh/id_rsa\n{f.PrivateKeyPem().As(E.PrivateKey)}\n$ ssh -i ~/.ssh/id_rsa deploy@{f.IPv4().As(E.IpAddress)}",
        f => $"{{\n  \"type\": \"service_account\",\n  \"project_id\": \"{f.Word()}-prod-{f.Digits(6)}\",\n  \"private_key_id\": \"{f.HexLower(40)}\",\n  \"private_key\": \"{f.PrivateKeyPem("\\n").As(E.PrivateKey)}\\n\",\n  \"client_email\": \"{$"{f.Word()}@{f.Word()}-prod.iam.gserviceaccount.com".As(E.EmailAddress)}\"\n}}",
        f => $"[user]\n    name = {f.Person().Full.As(E.Person)}\n    email = {f.Email().As(E.EmailAddress)}\n[core]\n    editor = vim",
        f => $"Host bastion\n    HostName {f.IpAddress().As(E.IpAddress)}\n    User deploy\n    IdentityFile ~/.ssh/bastion_ed25519",
        f => $"FROM node:20-alpine\nENV NPM_CONFIG_LOGLEVEL=warn\nENV GITHUB_TOKEN={f.GitHubToken().As(E.GitHubToken)}\nRUN npm ci && npm run build",
        f => $"jobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: {f.GitHubToken().As(E.GitHubToken)}\n    steps:\n      - run: gh release create v{f.Int(1, 9)}.{f.Int(0, 20)}.0",
        f => $"nginx_tls:\n  cert_path: /etc/ssl/certs/site.pem\n  key: |\n    {f.PrivateKeyPem("\n    ").As(E.PrivateKey)}\n  admin: {f.Email().As(E.EmailAddress)}",
        f => $"$ aws sts assume-role --role-arn arn:aws:iam::{f.Digits(12)}:role/deploy --role-session-name ci\n{{\n    \"Credentials\": {{\n        \"AccessKeyId\": \"{("ASIA" + f.Chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).As(E.AwsAccessKey)}\",\n        \"SecretAccessKey\": \"{f.AwsSecretKey().As(E.AwsSecretKey)}\",\n        \"Expiration\": \"{f.LogTimestamp("iso").As(E.DateTime)}\"\n    }}\n}}",
        f => $"webhooks:\n  alerts: {f.SlackWebhook().As(E.SlackWebhook)}\n  on_call: {f.Email().As(E.EmailAddress)}\n  timeout_seconds: 30",
    ];

    public static string Generate(PiiFaker f) => f.Pick(Templates)(f);

    private static string DotEnv(PiiFaker f)
    {
        var token = f.ApiKey();
        var lines = new List<string> { "# production", $"{token.Variable}={token.Value.As(E.ApiKey)}", $"APP_PORT={f.Int(3000, 9000)}" };
        if (f.Chance(0.6))
        {
            lines.Add($"AWS_ACCESS_KEY_ID={f.AwsAccessKeyId().As(E.AwsAccessKey)}");
            lines.Add($"AWS_SECRET_ACCESS_KEY={f.AwsSecretKey().As(E.AwsSecretKey)}");
        }

        lines.Add(f.Chance(0.5) ? $"SLACK_WEBHOOK_URL={f.SlackWebhook().As(E.SlackWebhook)}" : $"GITHUB_TOKEN={f.GitHubToken().As(E.GitHubToken)}");
        lines.Add($"DB_HOST={f.IPv4().As(E.IpAddress)}");
        lines.Add($"ADMIN_EMAIL={f.Email().As(E.EmailAddress)}");
        lines.Add("FEATURE_FLAGS=checkout_v2,dark_mode");
        return string.Join('\n', lines);
    }

    private static string StackTrace(PiiFaker f) => f.Chance(0.5)
        ? $"Traceback (most recent call last):\n  File \"/srv/app/billing/charge.py\", line {f.Int(20, 400)}, in charge\n    resp = session.post(url, json={{\"email\": \"{f.Email().As(E.EmailAddress)}\", \"card\": \"{f.CreditCard().As(E.CreditCard)}\"}})\nrequests.exceptions.ConnectionError: HTTPSConnectionPool(host='{f.IPv4().As(E.IpAddress)}', port=443): Max retries exceeded"
        : $"java.sql.SQLException: Access denied for user 'billing'@'{f.IPv4().As(E.IpAddress)}' (using password: YES)\n\tat com.mysql.cj.jdbc.ConnectionImpl.connect(ConnectionImpl.java:{f.Int(100, 900)})\n\tat com.acme.orders.OrderRepository.open(OrderRepository.java:{f.Int(20, 300)})\nCaused by: request for customer {f.Email().As(E.EmailAddress)} at {f.LogTimestamp("iso").As(E.DateTime)}";
}
