using System.Text.Json.Serialization;

namespace Hub.Gateway;

/// <summary>Source-generated JSON for every wire type the gateway writes itself (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Models.ModelList))]
[JsonSerializable(typeof(Models.ModelEntry))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
