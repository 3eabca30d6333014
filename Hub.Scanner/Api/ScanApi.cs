using System.Buffers;
using System.Text.Json;
using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Ocr;
using Hub.Scanner.Policies;
using Hub.Scanner.Vision;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Api;

/// <summary>
/// <c>POST /v1/scan</c> and <c>GET /v1/entities</c>: the API the gateway calls. Stateless: no
/// database, so the scanner scales out freely. Text never leaves this process except in the response.
/// </summary>
internal static class ScanApi
{
    public static RouteGroupBuilder MapScanApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/scan", ScanAsync);
        v1.MapGet("/entities", ListEntities);
        return v1;
    }

    /// <remarks>
    /// Reads and writes the JSON itself: the answer goes out with a Content-Length (a chunked one costs
    /// the gateway about 0.1 ms per call in latency at one connection) and the body is read in one piece.
    /// </remarks>
    public static async Task<IResult> ScanAsync(
        HttpRequest http, ScanEngine engine, ImageScanner images, PolicyResolver policies, IOptions<ScannerOptions> options)
    {
        if (!http.HasJsonContentType())
        {
            return TypedResults.Problem("The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        ScanRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(await ReadBodyAsync(http), ScannerJsonContext.Default.ScanRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = ["The body must be a JSON object such as {\"texts\": [\"…\"]}."] });
        }

        return (await RunAsync(request, engine, images, policies, options, http.HttpContext.RequestAborted)).Result switch
        {
            Ok<ScanResponse> ok => TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(ok.Value!, ScannerJsonContext.Default.ScanResponse), "application/json"),
            var refusal => refusal,
        };
    }

    private static async Task<Results<Ok<ScanResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        ScanRequest request, ScanEngine engine, ImageScanner imageScanner, PolicyResolver policies, IOptions<ScannerOptions> options,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var images = request.Images is { Count: > 0 } given ? given : null;
        if (images is not null)
        {
            if (images.Count > limits.MaxImages)
            {
                return TypedResults.Problem($"At most {limits.MaxImages} images in one scan.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            request = request with { Texts = request.Texts ?? [] };
        }

        if (request.Texts is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["texts"] = ["An array of strings is required."] });
        }

        if (request.Texts.Count > limits.MaxTexts || TotalLength(request.Texts) > limits.MaxTotalChars)
        {
            return TypedResults.Problem(
                $"At most {limits.MaxTexts} texts and {limits.MaxTotalChars} characters in one scan.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (request.Texts.IndexOf(null) is var missing and >= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"texts[{missing}]"] = ["Must be a string."] });
        }

        var texts = request.Texts.Count;
        if (request.Trusted?.Where(index => index < 0 || index >= texts).Select(index => (int?)index).FirstOrDefault() is { } outside)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["trusted"] = [$"{outside} is not the index of a text."] });
        }

        var (policy, errors) = policies.Resolve(request.Policy);
        if (policy is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        ImageScanResult? imageResult = null;
        if (images is not null)
        {
            // Fail closed: a request whose images were silently skipped would pass screenshots of anything.
            if (policy.Images.Mode == ImageMode.Scan && !imageScanner.Enabled)
            {
                return TypedResults.Problem(
                    "Image scanning is not enabled (Scanner:Ocr:Enabled).", title: "image scanning is not enabled", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                imageResult = await imageScanner.ScanAsync(images, policy, cancellationToken);
            }
            catch (OcrEngineUnavailableException)
            {
                // Azure AI Vision down, refusing the key or answering nonsense (logged by the reader): fail closed.
                return TypedResults.Problem(
                    "The OCR engine could not read the images; nothing was scanned.", title: "image scanning is unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (imageResult.Refusal is { } refusal)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"images[{refusal.Index}]"] = [refusal.Message] });
            }
        }

        var result = engine.Scan(request.Texts!, policy, request.Trusted is { Count: > 0 } trusted ? new HashSet<int>(trusted) : null);
        return TypedResults.Ok(ToResponse(result, imageResult));
    }

    public static Ok<IReadOnlyList<EntityResponse>> ListEntities(EntityCatalog catalog) =>
        TypedResults.Ok<IReadOnlyList<EntityResponse>>([.. catalog.Names.Select(name => new EntityResponse(name, catalog.Entities[name].Description))]);

    /// <summary>The whole body; Kestrel's request size limit bounds it.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest http)
    {
        var reader = http.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(http.HttpContext.RequestAborted);
            if (read.IsCompleted)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static long TotalLength(List<string?> texts)
    {
        long total = 0;
        foreach (var text in texts)
        {
            total += text?.Length ?? 0;
        }

        return total;
    }

    /// <summary>Text findings first, then image findings; <c>scan_ms</c> covers both, OCR included.</summary>
    private static ScanResponse ToResponse(ScanResult result, ImageScanResult? images)
    {
        var findings = new FindingResponse[result.Findings.Count + (images?.Findings.Count ?? 0)];
        for (var i = 0; i < result.Findings.Count; i++)
        {
            var finding = result.Findings[i];
            findings[i] = new FindingResponse(finding.TextIndex, finding.Entity, finding.Start, finding.End, finding.Score, finding.Action.ToWire());
        }

        if (images is null)
        {
            return new ScanResponse(result.Blocked, findings, result.RedactedTexts, Math.Round(result.ScanMilliseconds, 3));
        }

        for (var i = 0; i < images.Findings.Count; i++)
        {
            var (finding, box) = images.Findings[i];
            findings[result.Findings.Count + i] = new FindingResponse(
                TextIndex: null, finding.Entity, finding.Start, finding.End, finding.Score, finding.Action.ToWire(),
                ImageIndex: finding.TextIndex, box is { } b ? new BoxResponse(b.X, b.Y, b.Width, b.Height) : null);
        }

        return new ScanResponse(
            result.Blocked || images.Blocked, findings, result.RedactedTexts, Math.Round(result.ScanMilliseconds + images.ScanMilliseconds, 3),
            images.TimedOut, images.Replacements);
    }
}
