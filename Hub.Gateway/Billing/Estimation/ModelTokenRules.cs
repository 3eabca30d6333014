namespace Hub.Gateway.Billing.Estimation;

/// <summary>The tokenizer OpenAI uses for a model family.</summary>
internal enum OpenAIEncoding
{
    /// <summary>Not an OpenAI model: counted with o200k_base and scaled by its family's factor.</summary>
    None,
    O200kBase,
    Cl100kBase,
}

/// <summary>How one model's prompt is counted: which encoding, times which factor, plus how much per image.</summary>
internal readonly record struct ModelTokenRule(OpenAIEncoding Encoding, double Factor, int ImageTokens);

/// <summary>
/// Model-id prefix tables, longest prefix first, built once from <see cref="PromptEstimationOptions"/>.
/// A model is known by its catalog id (<c>claude-sonnet-4.5</c>) and its upstream id
/// (<c>us.anthropic.claude-sonnet-4-5-20250929-v1:0</c>, <c>meta-llama/Llama-3.3-70B-Instruct-Turbo</c>);
/// a prefix matches either, whole, after its last <c>/</c>, or after leading <c>vendor.</c> segments.
/// </summary>
internal sealed class ModelTokenRules
{
    /// <summary>
    /// tiktoken's model-to-encoding table (<c>tiktoken/model.py</c>): o200k_base from GPT-4o on, cl100k_base
    /// for GPT-4 and GPT-3.5 (Azure spells it <c>gpt-35</c>). Longer prefixes win, so gpt-4o is not gpt-4.
    /// </summary>
    private static readonly (string Prefix, OpenAIEncoding Encoding)[] Encodings = Longest<(string Prefix, OpenAIEncoding Encoding)>(
    [
        ("gpt-4o", OpenAIEncoding.O200kBase),
        ("chatgpt-4o", OpenAIEncoding.O200kBase),
        ("gpt-4.1", OpenAIEncoding.O200kBase),
        ("gpt-4.5", OpenAIEncoding.O200kBase),
        ("gpt-5", OpenAIEncoding.O200kBase),
        ("o1", OpenAIEncoding.O200kBase),
        ("o3", OpenAIEncoding.O200kBase),
        ("o4", OpenAIEncoding.O200kBase),
        ("codex", OpenAIEncoding.O200kBase),
        ("gpt-4", OpenAIEncoding.Cl100kBase),
        ("gpt-3.5", OpenAIEncoding.Cl100kBase),
        ("gpt-35", OpenAIEncoding.Cl100kBase),
    ], rule => rule.Prefix);

    private readonly (string Prefix, double Factor)[] factors;
    private readonly (string Prefix, int Tokens)[] imageTokens;
    private readonly double defaultFactor;
    private readonly int defaultImageTokens;

    public ModelTokenRules(PromptEstimationOptions options)
    {
        factors = Longest(options.TokenFactors.Select(pair => (pair.Key, pair.Value)), rule => rule.Key);
        imageTokens = Longest(options.ImageTokens.Select(pair => (pair.Key, pair.Value)), rule => rule.Key);
        defaultFactor = options.DefaultTokenFactor;
        defaultImageTokens = options.DefaultImageTokens;
    }

    public ModelTokenRule For(string? catalogModelId, string upstreamModel)
    {
        var encoding = OpenAIEncoding.None;
        foreach (var (prefix, value) in Encodings)
        {
            if (Matches(prefix, catalogModelId, upstreamModel))
            {
                encoding = value;
                break;
            }
        }

        var factor = encoding == OpenAIEncoding.None ? defaultFactor : 1.0;
        foreach (var (prefix, value) in factors)
        {
            if (Matches(prefix, catalogModelId, upstreamModel))
            {
                factor = value;
                break;
            }
        }

        var image = defaultImageTokens;
        foreach (var (prefix, value) in imageTokens)
        {
            if (Matches(prefix, catalogModelId, upstreamModel))
            {
                image = value;
                break;
            }
        }

        return new ModelTokenRule(encoding, factor, image);
    }

    private static bool Matches(string prefix, string? catalogModelId, string upstreamModel) =>
        Matches(prefix, upstreamModel) || (catalogModelId is not null && Matches(prefix, catalogModelId));

    /// <summary>The id, the part after its last slash, and that part after each leading letters-only <c>segment.</c>.</summary>
    private static bool Matches(string prefix, ReadOnlySpan<char> id)
    {
        if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        id = id[(id.LastIndexOf('/') + 1)..];
        while (true)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // Bedrock: "us.anthropic.claude-…", "meta.llama3-…"; "gpt-4.1" or "o1" have no letters-only segment before a dot.
            var letters = 0;
            while (letters < id.Length && char.IsAsciiLetter(id[letters]))
            {
                letters++;
            }

            if (letters == 0 || letters == id.Length || id[letters] != '.')
            {
                return false;
            }

            id = id[(letters + 1)..];
        }
    }

    private static T[] Longest<T>(IEnumerable<T> rules, Func<T, string> prefix) =>
        [.. rules.OrderByDescending(rule => prefix(rule).Length).ThenBy(prefix, StringComparer.OrdinalIgnoreCase)];
}
