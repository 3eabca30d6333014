using System.Text.Json.Serialization;

namespace Hub.Gateway.Scanning;

/// <summary>The scanner's answer for one request (<c>POST /v1/scan</c> response), plus the round trip as the gateway measured it.</summary>
/// <param name="RedactedTexts">One per scanned text; equal to the input where nothing was redacted.</param>
/// <param name="RedactedImages">One per scanned image when there were any: base64 PNG to forward instead, or null for unchanged.</param>
internal sealed record ScanVerdict(
    bool Blocked, IReadOnlyList<ScanFinding> Findings, IReadOnlyList<string>? RedactedTexts, IReadOnlyList<string?>? RedactedImages = null)
{
    public static readonly ScanVerdict Empty = new(false, [], null);

    /// <summary>Milliseconds from sending the texts to having the answer.</summary>
    [JsonIgnore]
    public double RoundTripMs { get; init; }

    /// <summary>The entity types found (any action), each once, in order of first appearance: the <c>x-hub-violations</c> header.</summary>
    public IReadOnlyList<string> EntityTypes()
    {
        var types = new List<string>();
        foreach (var finding in Findings)
        {
            if (!types.Contains(finding.Entity))
            {
                types.Add(finding.Entity);
            }
        }

        return types;
    }
}

/// <param name="TextIndex">Index into the texts sent, i.e. into <c>ChatRequest.Texts</c>; null for a finding in an image.</param>
/// <param name="Start">Character offset in that text (in an image: in its OCR text).</param>
/// <param name="ImageIndex">Index into the images sent, i.e. into <c>ChatRequest.Images</c>, for a finding in an image.</param>
internal sealed record ScanFinding(int? TextIndex, string Entity, int Start, int End, string Action, int? ImageIndex = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScanVerdict))]
internal sealed partial class ScannerWireContext : JsonSerializerContext;
