using System.Text;
using System.Text.Json;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Gemini;
using Hub.Gateway.Providers.Translation;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>
/// Ids that read as their order: every <see cref="Fill"/> writes one byte value, the next call the
/// next, so the first minted id ends in 0s, the second in 1s (<see cref="Base62"/> takes one fill per id).
/// </summary>
internal sealed class StepRandomSource : IRandomSource
{
    private byte next;

    public void Fill(Span<byte> destination)
    {
        destination.Fill(next);
        next = (byte)((next + 1) % 62);
    }

    public static string Id(string prefix, int length, int step) => prefix + new string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[step], length);

    public static string CallId(int step) => Id("call_", 24, step);
}

internal static class GeminiRequests
{
    /// <summary>The Gemini body for an OpenAI request; it must also be one the fake Gemini (Google's rules) accepts.</summary>
    public static string Map(string openAIBody, string model = "gemini-2.5-flash")
    {
        var (body, error) = TryMap(openAIBody, model);
        Assert.True(error is null, error?.Message);
        using var json = JsonDocument.Parse(body!);
        Assert.Null(FakeGeminiRequestRules.Check(json.RootElement));
        return Encoding.UTF8.GetString(body!);
    }

    public static HubError Refuse(string openAIBody, string model = "gemini-2.5-flash")
    {
        var (body, error) = TryMap(openAIBody, model);
        Assert.True(body is null, body is null ? "" : Encoding.UTF8.GetString(body));
        return error!;
    }

    private static (byte[]? Body, HubError? Error) TryMap(string openAIBody, string model)
    {
        var (request, invalid) = OpenAIChatRequest.Parse(Encoding.UTF8.GetBytes(openAIBody));
        if (request is null)
        {
            return (null, invalid);
        }

        using (request)
        {
            return GeminiRequestMapper.Map(request, model);
        }
    }
}
