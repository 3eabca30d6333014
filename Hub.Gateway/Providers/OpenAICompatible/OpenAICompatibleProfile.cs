using System.Collections.Frozen;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// What sets one OpenAI-compatible upstream apart from OpenAI itself: how it authenticates, where
/// the operation lives, and its documented deviations (<c>shared/research/protocols.md</c> §1.7, §5).
/// Adding such a provider means adding a profile (and its tests), not an adapter.
/// </summary>
/// <param name="ApiKeyHeader">The header the key goes in: null for <c>Authorization: Bearer</c>, else e.g. Azure's <c>api-key</c>.</param>
/// <param name="DeploymentPath">Azure: the operation is <c>/deployments/{model}/chat/completions?api-version=…</c>.</param>
/// <param name="FinishReasons">Its own finish reasons and the OpenAI ones they mean; any other value outside OpenAI's enum becomes <c>stop</c>. Null: sent as is.</param>
/// <param name="NineCharacterToolCallIds">Mistral: tool-call ids in the history must be exactly 9 letters or digits.</param>
/// <param name="RoutesDownstream">OpenRouter: routes further itself, so Hub's restrictions go along in its <c>provider</c> object.</param>
/// <param name="NumericErrorCodes">OpenRouter: <c>error.code</c> is the HTTP status as a number, also in stream error events.</param>
/// <param name="CommentLines">OpenRouter: SSE comment lines (<c>: OPENROUTER PROCESSING</c>) the client need not see.</param>
/// <param name="UsageInEveryStream">Mistral: a stream's last chunk carries the usage unasked, and <c>stream_options</c> is refused (422, "Extra inputs are not permitted").</param>
internal sealed record OpenAICompatibleProfile(
    string? ApiKeyHeader = null,
    bool DeploymentPath = false,
    FrozenDictionary<string, string>? FinishReasons = null,
    bool NineCharacterToolCallIds = false,
    bool RoutesDownstream = false,
    bool NumericErrorCodes = false,
    bool CommentLines = false,
    bool UsageInEveryStream = false)
{
    public static readonly OpenAICompatibleProfile OpenAI = new();

    /// <summary>Azure OpenAI: <c>api-key</c> header, deployments in the path, <c>api-version</c> in the query.</summary>
    public static readonly OpenAICompatibleProfile Azure = new(ApiKeyHeader: "api-key", DeploymentPath: true);

    private static readonly FrozenDictionary<string, OpenAICompatibleProfile> ByProviderId = new Dictionary<string, OpenAICompatibleProfile>
    {
        // Together ends some answers with "eos" (Portkey's finishReasonMap).
        ["together"] = new(FinishReasons: Map(("eos", "stop"))),

        // Mistral: "model_length" and "error" (Portkey); 400 on tool-call ids that are not 9 alphanumerics (langchain PR #24668);
        // 422 on stream_options, usage sent anyway (openai-agents-python issue #442, TabbyML PR #4082).
        ["mistral"] = new(FinishReasons: Map(("model_length", "length"), ("error", "stop")), NineCharacterToolCallIds: true, UsageInEveryStream: true),

        // OpenRouter: numeric error codes, comment lines, and finish_reason "error" after a mid-stream failure (LiteLLM maps it to stop).
        ["openrouter"] = new(FinishReasons: Map(("error", "stop")), RoutesDownstream: true, NumericErrorCodes: true, CommentLines: true),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether answers must pass through <see cref="CompatibleStreamFilter"/> rather than straight to the client.</summary>
    public bool RewritesAnswers => FinishReasons is not null || NumericErrorCodes || CommentLines;

    public static OpenAICompatibleProfile For(string providerId) => ByProviderId.GetValueOrDefault(providerId, OpenAI);

    private static FrozenDictionary<string, string> Map(params (string From, string To)[] pairs) =>
        pairs.ToFrozenDictionary(pair => pair.From, pair => pair.To, StringComparer.Ordinal);
}
