using System.Text.Json.Serialization;
using Hub.Core.Policies;

namespace Hub.Scanner.Api;

/// <summary><c>POST /v1/scan</c> body: the texts to scan and an optional policy.</summary>
/// <param name="Trusted">
/// Indices of texts the application itself wrote (system and developer messages, tool definitions): they
/// are scanned for data like the rest but not for PROMPT_INJECTION, since instructions are what they hold.
/// </param>
public sealed record ScanRequest(List<string?>? Texts, PolicyDocument? Policy = null, List<int>? Trusted = null);

public sealed record ScanResponse(bool Blocked, IReadOnlyList<FindingResponse> Findings, IReadOnlyList<string> RedactedTexts, double ScanMs);

public sealed record FindingResponse(int TextIndex, string Entity, int Start, int End, double Score, string Action);

/// <summary><c>GET /v1/entities</c> item.</summary>
public sealed record EntityResponse(string Name, string Description);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(ScanResponse))]
[JsonSerializable(typeof(IReadOnlyList<EntityResponse>))]
internal sealed partial class ScannerJsonContext : JsonSerializerContext;
