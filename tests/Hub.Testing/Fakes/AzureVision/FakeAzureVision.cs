using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes.AzureVision;

/// <summary>One word Azure "reads": its text, its bounding polygon (clockwise from the top-left) and confidence.</summary>
public sealed record FakeAzureWord(string Text, IReadOnlyList<(int X, int Y)> Polygon, double Confidence = 0.99)
{
    /// <summary>A word in an upright rectangle.</summary>
    public static FakeAzureWord At(string text, int x, int y, int width, int height, double confidence = 0.99) =>
        new(text, [(x, y), (x + width, y), (x + width, y + height), (x, y + height)], confidence);
}

/// <summary>One line of words; its text is the words joined by spaces, its polygon their bounding rectangle.</summary>
public sealed record FakeAzureLine(IReadOnlyList<FakeAzureWord> Words)
{
    public string Text => string.Join(' ', Words.Select(w => w.Text));
}

/// <param name="PathAndQuery">e.g. <c>/computervision/imageanalysis:analyze?api-version=2024-02-01&amp;features=read</c>.</param>
/// <param name="Headers">Every request header, names lower-cased.</param>
public sealed record RecordedAzureVisionRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body);

/// <summary>
/// Azure AI Vision Image Analysis 4.0 on a real Kestrel port: <c>POST /computervision/imageanalysis:analyze</c> with
/// <c>api-version=2024-02-01</c> and <c>features=read</c>, the key in <c>Ocp-Apim-Subscription-Key</c> (else 401 with
/// Azure's error body), the image as <c>application/octet-stream</c> (else 415). It answers the documented shape:
/// <c>modelVersion</c>, <c>metadata</c> {width, height} and <c>readResult.blocks[].lines[]</c> with <c>boundingPolygon</c>
/// and <c>words[]</c>. It decodes nothing: the size it reports is <see cref="ImageWidth"/> × <see cref="ImageHeight"/>.
/// </summary>
public sealed class FakeAzureVision : FakeUpstream
{
    public const string ApiKey = "fake-azure-vision-key-0123456789abcdef";
    public const string ApiVersion = "2024-02-01";
    public const string ModelVersion = "2023-10-01";

    /// <summary>Every request received, in order, accepted or not.</summary>
    public ConcurrentQueue<RecordedAzureVisionRequest> Requests { get; } = new();

    /// <summary>The lines "read" from every image. Default: none.</summary>
    public IReadOnlyList<FakeAzureLine> Lines { get; set; } = [];

    public int ImageWidth { get; set; } = 800;

    public int ImageHeight { get; set; } = 600;

    /// <summary>How long to wait before answering (or until the caller hangs up).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, every accepted request is answered with this status and Azure's error body (401, 429, 500, …).</summary>
    public int? ErrorStatus { get; set; }

    /// <summary>When set, every accepted request is answered 200 with this body as JSON, whatever it holds.</summary>
    public string? RawAnswer { get; set; }

    public static Task<FakeAzureVision> StartAsync()
    {
        var fake = new FakeAzureVision();
        return StartAsync(fake, app =>
        {
            app.MapPost("/computervision/{**operation}", fake.HandleAsync);
            app.MapFallback(fake.NotFoundAsync);
        });
    }

    private async Task<byte[]> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = context.Request;
        Requests.Enqueue(new RecordedAzureVisionRequest(
            request.Path + request.QueryString, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            request.ContentType, body.ToArray()));
        return body.ToArray();
    }

    private async Task NotFoundAsync(HttpContext context)
    {
        await RecordAsync(context);
        await ErrorAsync(context, 404, "404", "Resource not found.");
    }

    private async Task HandleAsync(string operation, HttpContext context)
    {
        var body = await RecordAsync(context);
        var request = context.Request;
        if (operation != "imageanalysis:analyze")
        {
            await ErrorAsync(context, 404, "404", "Resource not found.");
            return;
        }

        if (request.Headers["Ocp-Apim-Subscription-Key"].ToString() != ApiKey)
        {
            await ErrorAsync(context, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
            return;
        }

        if (request.Query["api-version"].ToString() != ApiVersion || request.Query["features"].ToString() != "read")
        {
            await ErrorAsync(context, 400, "InvalidRequest", "The api-version or features query parameter is missing or not supported.");
            return;
        }

        if (request.ContentType != "application/octet-stream")
        {
            await ErrorAsync(context, 415, "InvalidRequest", "Unsupported media type.");
            return;
        }

        if (body.Length == 0)
        {
            await ErrorAsync(context, 400, "InvalidRequest", "Image data is empty.");
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (ErrorStatus is { } status)
        {
            var (code, message) = status switch
            {
                401 => ("401", "Access denied due to invalid subscription key or wrong API endpoint."),
                429 => ("429", "Rate limit is exceeded. Try again in 1 seconds."),
                _ => ("InternalServerError", "An unexpected error occurred."),
            };
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            await ErrorAsync(context, status, code, message);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(RawAnswer ?? Answer(), context.RequestAborted);
    }

    /// <summary>The documented answer for <see cref="Lines"/>.</summary>
    public string Answer() => JsonSerializer.Serialize(new
    {
        modelVersion = ModelVersion,
        metadata = new { width = ImageWidth, height = ImageHeight },
        readResult = new
        {
            blocks = Lines.Count == 0 ? Array.Empty<object>() : [new
            {
                lines = Lines.Select(line => new
                {
                    text = line.Text,
                    boundingPolygon = Polygon(Bounds(line.Words.SelectMany(w => w.Polygon))),
                    words = line.Words.Select(word => new
                    {
                        text = word.Text,
                        boundingPolygon = Polygon(word.Polygon),
                        confidence = word.Confidence,
                    }),
                }),
            }],
        },
    });

    private static object[] Polygon(IEnumerable<(int X, int Y)> points) => points.Select(p => (object)new { x = p.X, y = p.Y }).ToArray();

    private static (int X, int Y)[] Bounds(IEnumerable<(int X, int Y)> points)
    {
        var all = points.ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var (left, top, right, bottom) = (all.Min(p => p.X), all.Min(p => p.Y), all.Max(p => p.X), all.Max(p => p.Y));
        return [(left, top), (right, top), (right, bottom), (left, bottom)];
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }
}
