using System.Text.Json.Serialization;

namespace Hub.Gateway.Scanning;

/// <summary>The scanner's answer for one request (<c>POST /v1/scan</c> response), plus the round trip as the gateway measured it.</summary>
/// <param name="RedactedTexts">One per scanned text; equal to the input where nothing was redacted.</param>
internal sealed record ScanVerdict(bool Blocked, IReadOnlyList<ScanFinding> Findings, IReadOnlyList<string>? RedactedTexts)
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

/// <param name="TextIndex">Index into the texts sent, i.e. into <c>ChatRequest.Texts</c>.</param>
/// <param name="Start">Character offset in that text.</param>
internal sealed record ScanFinding(int TextIndex, string Entity, int Start, int End, string Action);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ScanVerdict))]
internal sealed partial class ScannerWireContext : JsonSerializerContext;
