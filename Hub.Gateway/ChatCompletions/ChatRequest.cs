namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// A validated chat completion request: the client's exact bytes plus the few fields the gateway
/// reads. Everything else (unknown fields included) travels upstream untouched.
/// </summary>
/// <param name="Body">The request body as received.</param>
/// <param name="Model">The <c>model</c> value, unescaped.</param>
/// <param name="ModelToken">Where the <c>model</c> string token (quotes included) sits in <paramref name="Body"/>.</param>
/// <param name="Stream">The <c>stream</c> flag.</param>
internal sealed record ChatRequest(byte[] Body, string Model, Range ModelToken, bool Stream)
{
    /// <summary>The body with only the model value replaced: how the upstream knows the model.</summary>
    public byte[] WithModel(string upstreamModel)
    {
        var encoded = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(upstreamModel, GatewayJsonContext.Default.String);
        var (start, length) = ModelToken.GetOffsetAndLength(Body.Length);
        var rewritten = new byte[Body.Length - length + encoded.Length];
        Body.AsSpan(0, start).CopyTo(rewritten);
        encoded.CopyTo(rewritten.AsSpan(start));
        Body.AsSpan(start + length).CopyTo(rewritten.AsSpan(start + encoded.Length));
        return rewritten;
    }
}
