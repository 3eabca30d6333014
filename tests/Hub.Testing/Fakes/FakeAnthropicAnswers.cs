using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>A content block of a fake answer; a tool's input is streamed as <paramref name="Fragments"/> (joined, its JSON).</summary>
internal sealed record FakeAnthropicBlock(string Type, string? Text = null, string? Id = null, string? Name = null, string[]? Fragments = null)
{
    public string Input => string.Concat(Fragments ?? []);
}

/// <summary>What the fake answers, as a JSON message or as Anthropic's exact event sequence (<c>protocols.md</c> 2.3).</summary>
internal sealed record FakeAnthropicAnswer(string Model, IReadOnlyList<FakeAnthropicBlock> Blocks, string StopReason, int OutputTokens)
{
    /// <summary>Input 12 + cache writes 3 + cache reads 4: OpenAI's prompt_tokens 19, cached 4.</summary>
    private const string InputUsage = "\"input_tokens\":12,\"cache_creation_input_tokens\":3,\"cache_read_input_tokens\":4";

    public string ToJson()
    {
        var content = string.Join(",", Blocks.Select(block => block.Type == "text"
            ? $$$"""{"type":"text","text":{{{JsonSerializer.Serialize(block.Text)}}}}"""
            : $$$"""{"type":"tool_use","id":"{{{block.Id}}}","name":"{{{block.Name}}}","input":{{{JsonSerializer.Serialize(JsonDocument.Parse(block.Input).RootElement)}}}}"""));
        return $$$"""{"id":"{{{FakeAnthropicUpstream.MessageId}}}","type":"message","role":"assistant","model":"{{{Model}}}","content":[{{{content}}}],"stop_reason":"{{{StopReason}}}","stop_sequence":null,"usage":{{{{InputUsage}}},"output_tokens":{{{OutputTokens}}},"service_tier":"standard"}}""";
    }

    public string MessageStart() =>
        $$$$"""{"type":"message_start","message":{"id":"{{{{FakeAnthropicUpstream.MessageId}}}}","type":"message","role":"assistant","model":"{{{{Model}}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{{{{{InputUsage}}}},"output_tokens":1}}}""";

    public string MessageDelta() =>
        $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{StopReason}}}","stop_sequence":null},"usage":{"output_tokens":{{{OutputTokens}}}}}""";
}

internal static class FakeAnthropicAnswers
{
    public static FakeAnthropicAnswer For(string model, JsonElement request)
    {
        if (request.TryGetProperty("tool_choice", out var choice) && choice.GetProperty("type").ValueEquals("tool"))
        {
            var name = choice.GetProperty("name").GetString();
            return new(model, [new("tool_use", Id: FakeAnthropicUpstream.ForcedCallId, Name: name, Fragments: ["", "{\"city\":\"Pa", "ris\",\"sky\"", ":\"sunny\"}"])], "tool_use", 12);
        }

        if (model != FakeAnthropicUpstream.Models.Tools)
        {
            return new(model, [new("text", FakeAnthropicUpstream.Reply)], "end_turn", 7);
        }

        var last = request.GetProperty("messages").EnumerateArray().Last();
        if (FakeAnthropicValidation.Blocks(last.GetProperty("content")).Any(block => block.Type == "tool_result"))
        {
            return new(model, [new("text", FakeAnthropicUpstream.ToolAnswer)], "end_turn", 9);
        }

        return new(model,
        [
            new("text", FakeAnthropicUpstream.ToolPreamble),
            new("tool_use", Id: FakeAnthropicUpstream.WeatherCallId, Name: "get_weather", Fragments: ["", "{\"city\": \"Par", "is\"}"]),
            new("tool_use", Id: FakeAnthropicUpstream.TimeCallId, Name: "get_time", Fragments: ["{\"tz\":", " \"CET\"}"]),
        ], "tool_use", 47);
    }

    /// <summary>
    /// message_start, then per block content_block_start (a ping after the first), its deltas (text word by
    /// word, tool input as the fragments, split mid-token), content_block_stop; message_delta with the
    /// cumulative output count; message_stop. The failure models stop after the first delta.
    /// </summary>
    public static async Task WriteStreamAsync(HttpContext context, FakeAnthropicAnswer answer)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(context.RequestAborted);
        await WriteEventAsync(context, "message_start", answer.MessageStart());
        for (var index = 0; index < answer.Blocks.Count; index++)
        {
            var block = answer.Blocks[index];
            await WriteEventAsync(context, "content_block_start", block.Type == "text"
                ? $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"text","text":""}}"""
                : $$$$"""{"type":"content_block_start","index":{{{{index}}}},"content_block":{"type":"tool_use","id":"{{{{block.Id}}}}","name":"{{{{block.Name}}}}","input":{}}}""");
            if (index == 0)
            {
                await WriteEventAsync(context, "ping", """{"type": "ping"}""");
            }

            var pieces = block.Type == "text" ? FakeOpenAIUpstream.SplitWords(block.Text!) : block.Fragments!;
            foreach (var piece in pieces)
            {
                await WriteEventAsync(context, "content_block_delta", block.Type == "text"
                    ? $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"text_delta","text":{{{JsonSerializer.Serialize(piece)}}}}}"""
                    : $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"input_json_delta","partial_json":{{{JsonSerializer.Serialize(piece)}}}}}""");
                if (answer.Model == FakeAnthropicUpstream.Models.MidStreamError)
                {
                    await WriteEventAsync(context, "error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
                    return;
                }

                if (answer.Model == FakeAnthropicUpstream.Models.Truncated)
                {
                    return;
                }
            }

            await WriteEventAsync(context, "content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}""");
        }

        await WriteEventAsync(context, "message_delta", answer.MessageDelta());
        await WriteEventAsync(context, "message_stop", """{"type":"message_stop"}""");
    }

    private static async Task WriteEventAsync(HttpContext context, string type, string data)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {type}\ndata: {data}\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
