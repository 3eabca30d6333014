using Hub.Gateway.ChatCompletions;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace Hub.Gateway.Billing.Estimation;

/// <summary>
/// Estimates the prompt tokens an upstream will bill for a chat request, before it is sent: the
/// pre-flight hold is priced from it (issue #7).
/// <list type="number">
/// <item>Every text the model reads (<see cref="ChatRequest.Texts"/>) is counted with the model's encoding:
/// the OpenAI family's own (o200k_base or cl100k_base), else o200k_base.</item>
/// <item>The chat framing is added as OpenAI's cookbook counts it (<c>num_tokens_from_messages</c>): 3 per
/// message, 1 for its role, 1 per name, 3 to prime the reply; a tool call in the history adds its
/// function name and framing (<see cref="ToolCallTokens"/>).</item>
/// <item>Tool definitions are counted as the model reads them (<see cref="ToolDefinitionRenderer"/>) plus
/// <see cref="ToolDefinitionTokens"/>.</item>
/// <item>A non-OpenAI family's count is scaled by its factor (<see cref="PromptEstimationOptions.TokenFactors"/>) and rounded up.</item>
/// <item>Each image part adds the model's image allowance (<see cref="PromptEstimationOptions.ImageTokens"/>), unscaled.</item>
/// </list>
/// Thread-safe: the tokenizers are created once (each loads a vocabulary of 100k–200k entries) and
/// shared; tiktoken's tokenizer guards its own cache. Long texts already counted (the history a chat
/// client resends every turn) come from <see cref="TokenCountCache"/>.
/// </summary>
internal sealed class PromptTokenEstimator
{
    /// <summary><c>&lt;|start|&gt;{role}\n{content}&lt;|end|&gt;\n</c> less the role: the cookbook's tokens_per_message.</summary>
    internal const int MessageTokens = 3;

    /// <summary>Every role (system, developer, user, assistant, tool, function) is one token in both encodings.</summary>
    internal const int RoleTokens = 1;

    /// <summary>The cookbook's tokens_per_name.</summary>
    internal const int NameTokens = 1;

    /// <summary>Every reply is primed with <c>&lt;|start|&gt;assistant&lt;|message|&gt;</c>.</summary>
    internal const int ReplyTokens = 3;

    /// <summary>
    /// A tool call in the history: its function name (not a scanned text, so not counted) and the call's
    /// framing. hmarr/openai-chat-tokens measured name + 3 for a function call; names run to about 7 tokens.
    /// </summary>
    internal const int ToolCallTokens = 10;

    /// <summary>What the API adds once when functions are present, beyond their rendering (hmarr/openai-chat-tokens: 9).</summary>
    internal const int ToolDefinitionTokens = 9;

    private readonly Tokenizer o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
    private readonly Lazy<Tokenizer> cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"), LazyThreadSafetyMode.ExecutionAndPublication);
    /// <summary>Long texts remembered: about 60 bytes each, so at most a few MB.</summary>
    internal const int CachedTexts = 50_000;

    private readonly ModelTokenRules rules;
    private readonly TokenCountCache cache;

    public PromptTokenEstimator(IOptions<PromptEstimationOptions> options)
        : this(options, CachedTexts)
    {
    }

    /// <param name="cachedTexts">0 counts every text every time (benchmarks of the uncached cost).</param>
    internal PromptTokenEstimator(IOptions<PromptEstimationOptions> options, int cachedTexts)
    {
        rules = new ModelTokenRules(options.Value);
        cache = new TokenCountCache(cachedTexts);
    }

    /// <param name="catalogModelId">The catalog's id of the model (<c>claude-sonnet-4.5</c>), or null when the model is not in the catalog.</param>
    /// <param name="upstreamModel">The id the upstream knows the model by.</param>
    public int Estimate(ChatRequest request, string? catalogModelId, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rule = rules.For(catalogModelId, upstreamModel);
        var (tokenizer, encoding) = rule.Encoding == OpenAIEncoding.Cl100kBase ? (cl100k.Value, OpenAIEncoding.Cl100kBase) : (o200k, OpenAIEncoding.O200kBase);

        var shape = request.Shape;
        long text = ReplyTokens
            + ((long)shape.Messages * (MessageTokens + RoleTokens))
            + ((long)shape.Names * NameTokens)
            + ((long)shape.ToolCalls * ToolCallTokens);
        var texts = request.Texts;
        for (var i = 0; i < texts.Count; i++)
        {
            // Tool and function descriptions (no message index) are counted in the rendered definitions.
            if (texts[i].MessageIndex is not null)
            {
                text += cache.Count(tokenizer, encoding, texts[i].Value);
            }
        }

        if (shape.ToolDefinitions.Count > 0)
        {
            text += ToolDefinitionTokens + tokenizer.CountTokens(ToolDefinitionRenderer.Render(request.Body, shape.ToolDefinitions));
        }

        var scaled = rule.Factor == 1.0 ? text : (long)Math.Ceiling(text * rule.Factor);
        var total = scaled + ((long)shape.Images * rule.ImageTokens);
        return total > int.MaxValue ? int.MaxValue : (int)total;
    }

    /// <summary>What <see cref="Estimate"/> uses for a model, for tests and diagnostics.</summary>
    internal ModelTokenRule RuleFor(string? catalogModelId, string upstreamModel) => rules.For(catalogModelId, upstreamModel);
}
