using System.Text.Json.Serialization;

namespace Hub.Scanner.Ocr.Azure;

// Image Analysis 4.0 "analyze" answer, only what "read" fills in (camelCase on the wire).

internal sealed record AzureAnalyzeResult(string? ModelVersion, AzureImageMetadata? Metadata, AzureReadResult? ReadResult);

internal sealed record AzureImageMetadata(int Width, int Height);

internal sealed record AzureReadResult(IReadOnlyList<AzureReadBlock>? Blocks);

internal sealed record AzureReadBlock(IReadOnlyList<AzureReadLine>? Lines);

internal sealed record AzureReadLine(string? Text, IReadOnlyList<AzurePoint>? BoundingPolygon, IReadOnlyList<AzureReadWord>? Words);

internal sealed record AzureReadWord(string? Text, IReadOnlyList<AzurePoint>? BoundingPolygon, float Confidence);

internal sealed record AzurePoint(int X, int Y);

/// <summary>Azure's error body: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
internal sealed record AzureErrorBody(AzureError? Error);

internal sealed record AzureError(string? Code, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AzureAnalyzeResult))]
[JsonSerializable(typeof(AzureErrorBody))]
internal sealed partial class AzureVisionJsonContext : JsonSerializerContext;
