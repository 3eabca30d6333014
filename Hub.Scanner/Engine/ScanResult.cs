using Hub.Core.Policies;

namespace Hub.Scanner.Engine;

/// <summary>One reported finding: which text, which span (UTF-16 <c>[Start, End)</c>), and what the policy does with it.</summary>
internal readonly record struct Finding(int TextIndex, string Entity, int Start, int End, double Score, ScanAction Action);

/// <summary>The outcome of scanning the texts of one request.</summary>
internal sealed record ScanResult(bool Blocked, IReadOnlyList<Finding> Findings, IReadOnlyList<string> RedactedTexts, double ScanMilliseconds);
