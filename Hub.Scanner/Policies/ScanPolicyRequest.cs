namespace Hub.Scanner.Policies;

/// <summary>The policy as a caller sends it in <c>POST /v1/scan</c>; every field is optional.</summary>
public sealed record ScanPolicyRequest(
    Dictionary<string, string>? Entities = null,
    string? DefaultAction = null,
    double? MinScore = null,
    string? Placeholder = null,
    List<CustomRegexRequest>? CustomRegex = null);

/// <summary>A tenant's own entity type found by a regular expression, e.g. <c>PRJ-[A-Z]{2}-\d{4,}</c>.</summary>
public sealed record CustomRegexRequest(string? Name, string? Pattern, string? Action = null, double? Score = null);
