namespace Hub.Gateway.RateLimits;

internal enum RateLimitScope
{
    Key,
    Project,
}

/// <summary>What a counter counts; also OpenAI's error <c>type</c> and header suffix (<c>requests</c>, <c>tokens</c>).</summary>
internal enum RateLimitKind
{
    Requests,
    Tokens,
}

/// <summary>One limit that applies to a request: whose, of what, how much per minute, and what this request costs.</summary>
internal readonly record struct RateLimitCounter(RateLimitScope Scope, RateLimitKind Kind, int Limit, long Cost);
