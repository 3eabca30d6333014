namespace Hub.Scanner.Vision;

/// <summary>
/// An image could not be redacted: it did not decode, or the PNG could not be encoded. The caller fails closed (the
/// original is never forwarded instead). The message names the step, never the image's content.
/// </summary>
internal sealed class ImageRedactionException(string message) : Exception(message);
