using Hub.Gateway.Scanning;

namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// A validated chat completion request: the client's exact bytes plus the few fields the gateway
/// reads. Everything else (unknown fields included) travels upstream untouched.
/// </summary>
/// <param name="Body">The request body as received.</param>
/// <param name="Model">The <c>model</c> value, unescaped.</param>
/// <param name="ModelToken">Where the <c>model</c> string token (quotes included) sits in <paramref name="Body"/>.</param>
/// <param name="Stream">The <c>stream</c> flag.</param>
/// <param name="Texts">Every text the model would read, in body order.</param>
/// <param name="EndUser">The <c>safety_identifier</c> or else <c>user</c> field.</param>
/// <param name="PromptSha256">The audit fingerprint of <c>messages</c> (<see cref="PromptHash"/>).</param>
internal sealed record ChatRequest(
    byte[] Body, string Model, Range ModelToken, bool Stream, IReadOnlyList<ScannableText> Texts, string? EndUser, string PromptSha256)
{
    /// <summary>
    /// The body the upstream receives: the model value replaced by the upstream's id and each text the
    /// scanner changed replaced by its redacted form; every other byte as the client sent it.
    /// </summary>
    /// <param name="redactedTexts">The scanner's output, one per <see cref="Texts"/> item, or null when nothing changed.</param>
    public byte[] ToUpstreamBody(string upstreamModel, IReadOnlyList<string>? redactedTexts)
    {
        var edits = new List<(Range Token, string Value)> { (ModelToken, upstreamModel) };
        for (var i = 0; redactedTexts is not null && i < Texts.Count; i++)
        {
            if (!string.Equals(Texts[i].Value, redactedTexts[i], StringComparison.Ordinal))
            {
                edits.Add((Texts[i].Token, redactedTexts[i]));
            }
        }

        return JsonStringSplicer.Replace(Body, edits);
    }
}
