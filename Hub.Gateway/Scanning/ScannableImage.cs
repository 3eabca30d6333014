namespace Hub.Gateway.Scanning;

/// <summary>
/// One image of the request body: the JSON token of an <c>image_url</c>'s <c>url</c> (quotes included) and its value,
/// a <c>data:</c> URL or an <c>https://</c> URL, which the scanner reads (#9).
/// </summary>
/// <param name="MessageIndex">The index in <c>messages</c>.</param>
internal readonly record struct ScannableImage(Range Token, string Url, int? MessageIndex);
