using System.Text.Json.Serialization;
using Hub.Core.Policies;

namespace Hub.Scanner.Api;

/// <summary><c>POST /v1/scan</c> body: the texts and images to scan and an optional policy.</summary>
/// <param name="Trusted">
/// Indices of texts the application itself wrote (system and developer messages, tool definitions): they
/// are scanned for data like the rest but not for PROMPT_INJECTION, since instructions are what they hold.
/// </param>
/// <param name="Images">
/// Images as <c>data:image/…;base64,</c> URLs or bare base64 (#9). Their OCR text is scanned under the same policy, as
/// untrusted input. <c>texts</c> may be left out when images are given.
/// </param>
public sealed record ScanRequest(List<string?>? Texts, PolicyDocument? Policy = null, List<int>? Trusted = null, List<string?>? Images = null);

/// <param name="ImageOcrTimedOut">
/// Only when the request had images: indices of images whose OCR reached its deadline, so that only the text read by
/// then was scanned. The caller's policy decides whether that is acceptable.
/// </param>
public sealed record ScanResponse(
    bool Blocked,
    IReadOnlyList<FindingResponse> Findings,
    IReadOnlyList<string> RedactedTexts,
    double ScanMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? ImageOcrTimedOut = null);

/// <summary>
/// A finding in a text (<see cref="TextIndex"/> set) or in an image (<see cref="TextIndex"/> null, <see cref="ImageIndex"/>
/// and <see cref="Box"/> set). For an image, <see cref="Start"/> and <see cref="End"/> are offsets into its OCR text:
/// words of a line joined by a space, lines by a newline.
/// </summary>
public sealed record FindingResponse(
    int? TextIndex,
    string Entity,
    int Start,
    int End,
    double Score,
    string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ImageIndex = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BoxResponse? Box = null);

/// <summary>Where a finding is in an image, in pixels; <see cref="X"/>, <see cref="Y"/> is the top-left corner.</summary>
public sealed record BoxResponse(int X, int Y, int Width, int Height);

/// <summary><c>GET /v1/entities</c> item.</summary>
public sealed record EntityResponse(string Name, string Description);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScanRequest))]
[JsonSerializable(typeof(ScanResponse))]
[JsonSerializable(typeof(IReadOnlyList<EntityResponse>))]
internal sealed partial class ScannerJsonContext : JsonSerializerContext;
