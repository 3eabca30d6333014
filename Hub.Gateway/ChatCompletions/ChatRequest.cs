using Hub.Gateway.Routing;
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
    /// <summary>What a replaced image's base64 PNG is forwarded behind.</summary>
    private const string PngDataUrlPrefix = "data:image/png;base64,";

    /// <summary><c>max_completion_tokens</c>, else <c>max_tokens</c>; null when absent (or not a positive integer, which the upstream judges).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Where the numbers of <c>max_tokens</c> and <c>max_completion_tokens</c> sit in <see cref="Body"/>.</summary>
    public IReadOnlyList<Range> OutputLimitTokens { get; init; } = [];

    /// <summary>The output limit the budget could pay for, when lower than the client's: sent upstream instead (<see cref="ToUpstreamBody"/>).</summary>
    public int? OutputCap { get; init; }

    /// <summary>Messages, names, tool calls, images and tool definitions: what the prompt token estimate adds to the texts.</summary>
    public PromptShape Shape { get; init; } = PromptShape.Empty;

    /// <summary>Image parts in <c>messages</c>; the model bills them though they carry no text.</summary>
    public int ImageCount => Shape.Images;

    /// <summary>Every image URL the model would see, in body order: the scanner reads them.</summary>
    public IReadOnlyList<ScannableImage> Images { get; init; } = [];

    /// <summary>The request's <c>provider</c> object (OpenRouter's routing preferences), or <see cref="ProviderPreferences.None"/>.</summary>
    public ProviderPreferences Preferences { get; init; } = ProviderPreferences.None;

    /// <summary>Where the <c>provider</c> property (name through value) sits in <see cref="Body"/>: Hub's field, never forwarded.</summary>
    public Range? ProviderProperty { get; init; }

    /// <summary>
    /// The body the upstream receives: the model value replaced by the upstream's id, each text the
    /// scanner changed replaced by its redacted form, each image it replaced (redacted, or fetched from a remote URL) by a
    /// PNG data URL, the <c>provider</c> object removed, and the output limit lowered to <see cref="OutputCap"/> when
    /// there is one; every other byte as the client sent it.
    /// </summary>
    /// <param name="redactedTexts">The scanner's output, one per <see cref="Texts"/> item, or null when nothing changed.</param>
    /// <param name="outputLimitField">The field to add for <see cref="OutputCap"/> when the client set no limit (<see cref="Providers.IChatProvider.OutputLimitField"/>).</param>
    /// <param name="redactedImages">The scanner's replacement images, base64 PNG, one per <see cref="Images"/> item (null: unchanged).</param>
    public byte[] ToUpstreamBody(
        string upstreamModel, IReadOnlyList<string>? redactedTexts, string outputLimitField = "max_tokens", IReadOnlyList<string?>? redactedImages = null)
    {
        var edits = new List<JsonEdit> { JsonEdit.String(ModelToken, upstreamModel) };
        for (var i = 0; redactedTexts is not null && i < Texts.Count; i++)
        {
            if (!string.Equals(Texts[i].Value, redactedTexts[i], StringComparison.Ordinal))
            {
                edits.Add(JsonEdit.String(Texts[i].Token, redactedTexts[i]));
            }
        }

        for (var i = 0; redactedImages is not null && i < Images.Count; i++)
        {
            if (redactedImages[i] is { } png)
            {
                edits.Add(JsonEdit.String(Images[i].Token, PngDataUrlPrefix + png));
            }
        }

        if (ProviderProperty is { } property)
        {
            edits.Add(JsonEdit.RemoveProperty(Body, property));
        }

        if (OutputCap is { } cap)
        {
            AddOutputCap(edits, cap, outputLimitField);
        }

        return JsonBodyEditor.Apply(Body, edits);
    }

    private void AddOutputCap(List<JsonEdit> edits, int cap, string outputLimitField)
    {
        var number = System.Text.Encoding.ASCII.GetBytes(cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var token in OutputLimitTokens)
        {
            edits.Add(new JsonEdit(token, number));
        }

        if (OutputLimitTokens.Count == 0)
        {
            // Right after the body's opening brace: the object has other members, so a trailing comma is always right.
            var open = Body.AsSpan().IndexOf((byte)'{') + 1;
            edits.Add(new JsonEdit(open..open, [.. System.Text.Encoding.ASCII.GetBytes($"\"{outputLimitField}\":"), .. number, (byte)',']));
        }
    }

    /// <summary>A rough prompt size for ordering candidates by cost: about four characters a token, four tokens of framing per text.</summary>
    public int EstimatedPromptTokens()
    {
        var characters = 0;
        for (var i = 0; i < Texts.Count; i++)
        {
            characters += Texts[i].Value.Length + 16;
        }

        return characters / 4;
    }
}
