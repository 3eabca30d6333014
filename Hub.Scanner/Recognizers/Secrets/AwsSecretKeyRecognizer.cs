using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// AWS secret access keys in free text: a standalone run of exactly 40 base64 characters with the
/// shape of a secret (<see cref="SecretValueShape.IsAwsSecretShape"/>) and, within
/// <see cref="Window"/> characters before it, "aws", "secret" or an access key id. Forty random
/// characters alone are as likely a hash or an id, so without that context nothing is reported.
/// Assignments (<c>aws_secret_access_key = …</c>) are also found by <see cref="CredentialAssignmentRecognizer"/>.
/// </summary>
internal sealed class AwsSecretKeyRecognizer : IRecognizer
{
    private const int Window = 120;

    private static readonly SearchValues<char> Base64 = SearchValues.Create("+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<string> Context = SearchValues.Create(["aws", "secret", "AKIA", "ASIA"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> KeyIds = SearchValues.Create(["AKIA", "ASIA"], StringComparison.Ordinal);

    public string Name => nameof(AwsSecretKeyRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [SecretEntities.AwsSecretKey];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        var span = text.AsSpan();
        if (!enabled.Contains(EntityNames.AwsSecretKey) || span.IndexOfAny(Context) < 0)
        {
            return;
        }

        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOfAny(Base64);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var length = TextRuns.Run(span, start, Base64, int.MaxValue);
            var end = start + length;
            position = end;
            if (length != 40 || TextRuns.At(span, end, '=') || !SecretValueShape.IsAwsSecretShape(span[start..end]))
            {
                continue;
            }

            var before = span[Math.Max(0, start - Window)..start];
            if (before.IndexOf("aws", StringComparison.OrdinalIgnoreCase) >= 0 || before.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0 || before.IndexOfAny(KeyIds) >= 0)
            {
                results.Add(new RecognizerResult(EntityNames.AwsSecretKey, start, end, 0.8));
            }
        }
    }
}
