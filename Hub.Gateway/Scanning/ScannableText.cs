namespace Hub.Gateway.Scanning;

/// <summary>
/// One string of the request body that the provider would read: its JSON token in the body (quotes
/// included, escapes as sent) and its decoded value, which is what the scanner sees.
/// </summary>
/// <param name="MessageIndex">The index in <c>messages</c>; null for tool and function definitions.</param>
/// <param name="Trusted">Written by the application, not its users or their content: system and developer messages and tool
/// definitions. Scanned for data, not for prompt injection (instructions are what they are for).</param>
internal readonly record struct ScannableText(Range Token, string Value, int? MessageIndex, bool Trusted = false);
