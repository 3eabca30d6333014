namespace Hub.Gateway.Scanning;

/// <summary>
/// One string of the request body that the provider would read: its JSON token in the body (quotes
/// included, escapes as sent) and its decoded value, which is what the scanner sees.
/// </summary>
/// <param name="MessageIndex">The index in <c>messages</c>; null for tool and function definitions.</param>
internal readonly record struct ScannableText(Range Token, string Value, int? MessageIndex);
