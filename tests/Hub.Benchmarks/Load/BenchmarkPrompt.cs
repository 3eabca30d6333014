using System.Text.Json;

namespace Hub.Benchmarks.Load;

/// <summary>
/// The 1 KB benchmark prompt: a system line and a support-ticket style user message of about 1 KB
/// with two values the default policy redacts (an e-mail address and a phone number), so every
/// request is scanned, redacted and rewritten.
/// </summary>
internal static class BenchmarkPrompt
{
    public const string UserText =
        "Hello team, I am writing about the invoice we received last week for the annual subscription renewal. "
        + "The amount does not match the quote we agreed on during the call in March, and our finance department "
        + "needs a corrected copy before the end of the month so that it can be approved in the next payment run. "
        + "Could you please check the order history, confirm which discount applies to our account, and send the "
        + "updated invoice to the billing contact at jordan.lee@example.com? If anything is unclear, the quickest "
        + "way to reach us is the office line +1 415 555 0132 between nine and five on weekdays. We would also like "
        + "to know whether the renewal can be moved to the first of the month going forward, since that would make "
        + "reconciliation much simpler for everyone involved. Finally, please summarise the changes you make in a "
        + "short list so that I can forward it to the rest of the team without further editing. Thank you.";

    public static byte[] Body(string model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "system");
            writer.WriteString("content", "You are a helpful assistant for a billing team.");
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteString("content", UserText);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
