namespace Hub.Gateway.Scanning;

/// <summary>
/// What a prompt costs besides its texts, counted while the body is read: the chat framing around each
/// message, the images, and the tool definitions (which the model reads rendered, not as sent).
/// </summary>
/// <param name="Messages">Items in <c>messages</c>.</param>
/// <param name="Names">Messages with a <c>name</c>.</param>
/// <param name="ToolCalls">Tool calls (and legacy <c>function_call</c>s) in the history.</param>
/// <param name="Images">Content parts with an <c>image_url</c>.</param>
/// <param name="ToolDefinitions">Where each <c>tools</c> or <c>functions</c> array sits in the body.</param>
internal sealed record PromptShape(int Messages, int Names, int ToolCalls, int Images, IReadOnlyList<Range> ToolDefinitions)
{
    public static readonly PromptShape Empty = new(0, 0, 0, 0, []);
}
