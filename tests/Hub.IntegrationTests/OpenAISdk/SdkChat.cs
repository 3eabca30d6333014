using System.Text;
using OpenAI.Chat;

namespace Hub.IntegrationTests.OpenAISdk;

/// <summary>What the .NET SDK tests share: two tools, and a streamed answer read to its end.</summary>
internal static class SdkChat
{
    public static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        "get_weather", "Current weather in a city", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    public static readonly ChatTool TimeTool = ChatTool.CreateFunctionTool(
        "get_time", "Current time in a time zone", BinaryData.FromString("""{"type":"object","properties":{"tz":{"type":"string"}}}"""));

    /// <summary>The text reassembled from the content updates, the first finish reason and the first usage seen.</summary>
    public static async Task<(string Text, ChatFinishReason? Finish, ChatTokenUsage? Usage)> ReadStreamAsync(IAsyncEnumerable<StreamingChatCompletionUpdate> updates)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in updates)
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        return (text.ToString(), finish, usage);
    }
}
