namespace Hub.Gateway.Diagnostics;

/// <summary>Every log event of the gateway, one registry so ids stay unique.</summary>
internal static class EventIds
{
    public const int KeyRejected = 1001;
    public const int KeyStoreUnavailable = 1002;
    public const int InvalidationSubscribeFailed = 1003;
    public const int PolicyStoreUnavailable = 1004;
    public const int UpstreamUnavailable = 2001;
    public const int UpstreamTimedOut = 2002;
    public const int UpstreamFailed = 2003;
    public const int ClientDisconnected = 2004;
    public const int StreamBrokenAfterStart = 2005;

    // 2100–2119: Anthropic adapter
    public const int AnthropicUpstreamFailed = 2100;
    public const int AnthropicAnswerUnreadable = 2101;
    public const int AnthropicStreamErrorReceived = 2102;
    public const int AnthropicStreamEndedEarly = 2103;
    public const int AnthropicStreamUnreadable = 2104;
    public const int AnthropicUnknownStopReason = 2105;

    // 2120–2139: Gemini adapter
    public const int GeminiUpstreamFailed = 2120;
    public const int GeminiAnswerUnreadable = 2121;
    public const int GeminiStreamEventUnreadable = 2122;
    public const int GeminiStreamErrorEvent = 2123;
    public const int GeminiStreamEndedEarly = 2124;
    public const int GeminiUnknownFinishReason = 2125;

    // 2140–2159: Bedrock adapter
    public const int BedrockUpstreamFailed = 2140;
    public const int BedrockStreamException = 2141;
    public const int BedrockStreamBroken = 2142;
    public const int BedrockUnknownStopReason = 2143;
    public const int BedrockCredentialsMissing = 2144;
    public const int BedrockAnswerMalformed = 2145;

    // 2200–2299: routing
    public const int CatalogLoaded = 2201;
    public const int CatalogLoadFailed = 2202;
    public const int FallingBack = 2203;
    public const int CircuitOpen = 2204;

    // 2300–2319: rate limits and loop protection
    public const int RateLimitStoreUnavailable = 2300;
    public const int RateLimited = 2301;
    public const int RateLimitRequestTooLarge = 2302;
    public const int LoopDetected = 2303;

    // 2400–2419: billing (wallet, budgets)
    public const int WalletLoaded = 2401;
    public const int BudgetLoaded = 2402;
    public const int CreditStoreUnavailable = 2403;
    public const int ModelNotPriced = 2405;

    // 2420–2439: organizations' own provider keys (BYOK)
    public const int ByokStoreUnavailable = 2420;
    public const int ByokDataKeyUnreadable = 2421;
    public const int ByokKeyUnreadable = 2422;

    public const int ScannerUnavailable = 3001;
    public const int ScannerRefused = 3002;
    public const int ScannerAnswerInvalid = 3003;
    public const int ScannerNotConfigured = 3004;
    public const int AuditWriteFailed = 4001;
    public const int AuditRetryDropped = 4002;
    public const int UnhandledException = 9001;
}
