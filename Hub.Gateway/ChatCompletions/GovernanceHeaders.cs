using System.Globalization;
using Hub.Gateway.Routing;
using Hub.Gateway.Scanning;

namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// What Hub did to a request, on the response: <c>x-hub-model</c> and <c>x-hub-provider</c> once the
/// request is routed (the first candidate; after forwarding, the provider that answered) and
/// <c>x-hub-fallbacks</c> (the providers tried before it, comma separated, empty if none),
/// <c>x-hub-billing</c> (who pays that provider: <c>managed</c>, Hub's key and the wallet, or <c>byok</c>, the organization's own key),
/// <c>x-hub-scan-ms</c> and <c>x-hub-violations</c> (entity types found, comma separated, empty if
/// none) once it is scanned. <c>x-hub-correlation-id</c> is on every response already.
/// </summary>
internal static class GovernanceHeaders
{
    public const string Model = "x-hub-model";
    public const string Provider = "x-hub-provider";
    public const string Fallbacks = "x-hub-fallbacks";
    public const string Billing = "x-hub-billing";
    public const string ScanMs = "x-hub-scan-ms";
    public const string Violations = "x-hub-violations";

    /// <summary>The output limit was lowered to what the balance or a budget could pay: <c>&lt;original&gt;-&gt;&lt;new&gt;</c>.</summary>
    public const string MaxTokensCapped = "x-hub-max-tokens-capped";

    /// <summary>The end user a request is made for, when the body names none (<c>user</c>, <c>safety_identifier</c>).</summary>
    public const string User = "x-hub-user";

    public static void SetRoute(HttpResponse response, RouteOffer offer, IReadOnlyList<string> fallbacks, string billing)
    {
        response.Headers[Model] = offer.UpstreamModel;
        response.Headers[Provider] = offer.ProviderId;
        response.Headers[Fallbacks] = fallbacks.Count == 0 ? "" : string.Join(',', fallbacks);
        response.Headers[Billing] = billing;
    }

    public static void SetOutputCap(HttpResponse response, int original, int capped) =>
        response.Headers[MaxTokensCapped] = string.Create(CultureInfo.InvariantCulture, $"{original}->{capped}");

    public static void SetScan(HttpResponse response, ScanVerdict verdict)
    {
        response.Headers[ScanMs] = verdict.RoundTripMs.ToString("0.###", CultureInfo.InvariantCulture);
        response.Headers[Violations] = string.Join(',', verdict.EntityTypes());
    }
}
