using System.Text.Json.Serialization;

namespace Hub.Gateway.ChatCompletions;

/// <summary>Source-generated JSON for the gateway's own wire types (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Models.ModelList))]
[JsonSerializable(typeof(Models.ModelEntry))]
internal sealed partial class ChatCompletionsJsonContext : JsonSerializerContext;
