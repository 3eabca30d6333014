using Hub.Core.Randomness;

namespace Hub.Gateway.Providers.Translation;

/// <summary>Tool-call ids for upstreams that give none (Gemini): <c>call_</c> and 24 base62 characters, like OpenAI's.</summary>
internal static class ToolCallIds
{
    public static string New(IRandomSource random) => Base62.Random(random, "call_", 24);
}

/// <summary>Completion ids for translated answers that have no id of their own: <c>chatcmpl-</c> and 29 base62 characters, like OpenAI's.</summary>
internal static class CompletionIds
{
    public static string New(IRandomSource random) => Base62.Random(random, "chatcmpl-", 29);
}
