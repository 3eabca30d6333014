using System.Text.Json;

namespace Hub.Testing.Fakes;

/// <summary>Bedrock's token counts as it reports them.</summary>
public sealed record FakeBedrockUsage(int InputTokens, int OutputTokens, int CacheReadInputTokens = 0, int CacheWriteInputTokens = 0)
{
    public string ToJson() =>
        $$"""{"inputTokens":{{InputTokens}},"outputTokens":{{OutputTokens}},"totalTokens":{{InputTokens + OutputTokens + CacheReadInputTokens + CacheWriteInputTokens}},"cacheReadInputTokens":{{CacheReadInputTokens}},"cacheWriteInputTokens":{{CacheWriteInputTokens}}}""";
}

/// <summary>One tool call as Bedrock writes it: <c>toolUse{toolUseId,name,input}</c>, the input as JSON text.</summary>
public sealed record FakeToolUse(string Id, string Name, string Input);

/// <summary>A deterministic answer of the fake, written as Converse JSON or as ConverseStream frames.</summary>
public sealed record FakeBedrockAnswer(string? Text, IReadOnlyList<FakeToolUse> ToolUses, string StopReason, FakeBedrockUsage Usage)
{
    public string ToJson()
    {
        var blocks = new List<string>();
        if (Text is not null)
        {
            blocks.Add($$"""{"text":{{JsonSerializer.Serialize(Text)}}}""");
        }

        foreach (var tool in ToolUses)
        {
            blocks.Add($$$"""{"toolUse":{"toolUseId":"{{{tool.Id}}}","name":"{{{tool.Name}}}","input":{{{tool.Input}}}}}""");
        }

        return $$$"""{"output":{"message":{"role":"assistant","content":[{{{string.Join(',', blocks)}}}]}},"stopReason":"{{{StopReason}}}","usage":{{{Usage.ToJson()}}},"metrics":{"latencyMs":42}}""";
    }
}

/// <summary>What the fake answers, by model id and request.</summary>
public static class FakeBedrockAnswers
{
    public const string ToolPreamble = "Let me check both.";
    public static readonly FakeBedrockUsage TextUsage = new(19, 7);
    public static readonly FakeBedrockUsage ToolUsage = new(30, 20, CacheReadInputTokens: 10, CacheWriteInputTokens: 2);

    /// <summary>The input the fake gives a tool that <c>toolChoice</c> forces (the synthetic JSON tool of response_format among them).</summary>
    public const string ForcedInput = """{"city":"Paris","temperature_c":18}""";

    public static FakeBedrockAnswer For(string modelId, JsonElement request)
    {
        if (request.TryGetProperty("toolConfig", out var config) && config.TryGetProperty("toolChoice", out var choice) && choice.TryGetProperty("tool", out var forced))
        {
            return new FakeBedrockAnswer(null, [new FakeToolUse("tooluse_forced0001", forced.GetProperty("name").GetString()!, ForcedInput)], "tool_use", TextUsage);
        }

        if (modelId == FakeBedrockUpstream.Models.Tools)
        {
            var messages = request.GetProperty("messages");
            var last = messages[messages.GetArrayLength() - 1].GetProperty("content");
            return last.EnumerateArray().Any(block => block.TryGetProperty("toolResult", out _))
                ? new FakeBedrockAnswer(FakeBedrockUpstream.ToolAnswer, [], "end_turn", TextUsage)
                : new FakeBedrockAnswer(ToolPreamble,
                    [new FakeToolUse("tooluse_weather01", "get_weather", """{"city":"Paris"}"""), new FakeToolUse("tooluse_time0002", "get_time", """{"tz":"CET"}""")],
                    "tool_use", ToolUsage);
        }

        return new FakeBedrockAnswer(FakeBedrockUpstream.Reply, [], "end_turn", TextUsage);
    }

    /// <summary>The answer as ConverseStream frames: messageStart, text deltas word by word, tool blocks with their input in fragments, messageStop, metadata.</summary>
    public static byte[] Stream(string modelId, FakeBedrockAnswer answer)
    {
        var frames = new List<byte[]> { Frame("messageStart", "{\"role\":\"assistant\"") };
        var block = 0;
        if (answer.Text is not null)
        {
            foreach (var word in Words(answer.Text))
            {
                frames.Add(Frame("contentBlockDelta", $$"""{"contentBlockIndex":0,"delta":{"text":{{JsonSerializer.Serialize(word)}}}"""));
            }

            frames.Add(Frame("contentBlockStop", """{"contentBlockIndex":0"""));
            block++;
        }

        switch (modelId)
        {
            case FakeBedrockUpstream.Models.StreamThrottled:
                return [.. frames[0], .. frames[1], .. EventStreamFrames.Exception("throttlingException", "Too many tokens, please wait before trying again.")];
            case FakeBedrockUpstream.Models.StreamCorrupt:
                var corrupt = frames[2].ToArray();
                corrupt[^6] ^= 0x20; // a payload byte changes after the CRC was computed
                return [.. frames[0], .. frames[1], .. corrupt, .. frames[3]];
        }

        foreach (var tool in answer.ToolUses)
        {
            frames.Add(Frame("contentBlockStart", $$$"""{"contentBlockIndex":{{{block}}},"start":{"toolUse":{"toolUseId":"{{{tool.Id}}}","name":"{{{tool.Name}}}"}}"""));
            for (var i = 0; i < tool.Input.Length; i += 5)
            {
                var fragment = tool.Input[i..Math.Min(i + 5, tool.Input.Length)];
                frames.Add(Frame("contentBlockDelta", $$$"""{"contentBlockIndex":{{{block}}},"delta":{"toolUse":{"input":{{{JsonSerializer.Serialize(fragment)}}}}}"""));
            }

            frames.Add(Frame("contentBlockStop", $$"""{"contentBlockIndex":{{block}}"""));
            block++;
        }

        frames.Add(Frame("messageStop", "{\"stopReason\":\"" + answer.StopReason + "\""));
        var metadata = Frame("metadata", $$"""{"usage":{{answer.Usage.ToJson()}},"metrics":{"latencyMs":42}""");
        frames.Add(modelId == FakeBedrockUpstream.Models.StreamTruncated ? metadata[..(metadata.Length / 2)] : metadata);
        return [.. frames.SelectMany(frame => frame)];
    }

    /// <summary>An event frame whose payload ends with Bedrock's <c>"p"</c> padding field (of a length that varies, as Bedrock's does).</summary>
    private static byte[] Frame(string eventType, string openJson)
    {
        const string Padding = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
        var length = 1 + (Math.Abs(openJson.Length * 7) % (Padding.Length - 1));
        return EventStreamFrames.Event(eventType, $$"""{{openJson}},"p":"{{Padding[..length]}}"}""");
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
