using System.Text.Json.Serialization;
using Hub.Core.Policies;

namespace Hub.Scanner.Api;

/// <summary><c>POST /v1/scan</c> body: the texts and images to scan and an optional policy.</summary>
/// <param name="Trusted">
/// Indices of texts the application itself wrote (system and developer messages, tool definitions): they
/// are scanned for data like the rest but not for PROMPT_INJECTION, since instructions are what they hold.
/// </param>
/// <param name="Images">
/// Images as <c>data:image/…;base64,</c> URLs, bare base64 or <c>https://</c> URLs (fetched under the policy's
/// <c>remote_images</c>) (#9). Their OCR text is scanned under the same policy, as untrusted input. <c>texts</c> may be left
/// out when images are given.
/// </param>
public sealed record ScanRequest(List<string?>? Texts, PolicyDocument? Policy = null, List<int>? Trusted = null, List<string?>? Images = null);

/// <param name="ImageOcrTimedOut">
/// Only when the request had images: indices of images whose OCR reached its deadline, so that only the text read by
/// then was scanned. The policy's <c>image_ocr_timeout</c> decides whether that blocks (an <c>IMAGE_OCR_TIMEOUT</c> finding).
/// </param>
/// <param name="RedactedImages">
/// Only when the request had images: one per image, the base64 PNG to forward instead of it (its REDACT findings' words
/// filled; a remote image is always given as fetched and scanned), or null where it goes on unchanged.
/// </param>
public sealed record ScanResponse(
    bool Blocked,
    IReadOnlyList<FindingResponse> Findings,
    IReadOnlyList<string> RedactedTexts,
    double ScanMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? ImageOcrTimedOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? RedactedImages = null);

/// <summary>
/// A finding in a text (<see cref="TextIndex"/> set) or in an image (<see cref="TextIndex"/> null, <see cref="ImageIndex"/>
/// and <see cref="Box"/> set). For an image, <see cref="Start"/> and <see cref="End"/> are offsets into its OCR text:
/// words of a line joined by a space, lines by a newline. <see cref="Box"/> is absent for <c>IMAGE</c> and
/// <c>REMOTE_IMAGE</c>, which block an image without reading it.
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
