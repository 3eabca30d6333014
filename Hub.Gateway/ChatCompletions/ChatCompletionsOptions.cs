using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.ChatCompletions;

internal sealed class ChatCompletionsOptions
{
    public const string SectionName = "Gateway:ChatCompletions";

    /// <summary>
    /// Largest accepted request body, in bytes. Default 16 MiB: room for a few base64 images,
    /// small enough that a flood of large bodies cannot exhaust memory.
    /// </summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class ChatCompletionsOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ChatCompletionsOptions>;
