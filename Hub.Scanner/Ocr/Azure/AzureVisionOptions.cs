using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr.Azure;

/// <summary>Azure AI Vision Image Analysis 4.0 <c>read</c>, section <c>Scanner:Ocr:Azure</c>; used when <c>Scanner:Ocr:Engine</c> is <c>azure</c>.</summary>
internal sealed class AzureVisionOptions
{
    public const string SectionName = "Scanner:Ocr:Azure";

    /// <summary>
    /// The resource's endpoint, e.g. <c>https://my-vision.cognitiveservices.azure.com</c>. Required when selected;
    /// https only (plain http is allowed to a loopback address alone: a local proxy or a test fake).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The resource key, sent as <c>Ocp-Apim-Subscription-Key</c>. Required when selected; never logged.</summary>
    public string? Key { get; set; }

    /// <summary>Longest wait for Azure's answer, in milliseconds; then the image counts as timed out with nothing read. Default 5,000.</summary>
    [Range(1, 600_000)]
    public int TimeoutMs { get; set; } = 5000;

    /// <summary>Whether <paramref name="endpoint"/> is an absolute https URL, or http to a loopback address.</summary>
    internal static bool IsAcceptableEndpoint(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

[OptionsValidator]
internal sealed partial class AzureVisionOptionsValidator : IValidateOptions<AzureVisionOptions>;

/// <summary>Endpoint and key are required only when OCR is on and Azure is the engine: a Tesseract setup needs neither.</summary>
internal sealed class AzureVisionSelectedValidator(IOptions<OcrOptions> ocr) : IValidateOptions<AzureVisionOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureVisionOptions options)
    {
        if (!ocr.Value.Enabled || !ocr.Value.UsesAzure)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (!AzureVisionOptions.IsAcceptableEndpoint(options.Endpoint))
        {
            failures.Add($"{AzureVisionOptions.SectionName}:Endpoint must be an absolute https URL without a query (http only to a loopback address) when Scanner:Ocr:Engine is azure.");
        }

        if (string.IsNullOrWhiteSpace(options.Key))
        {
            failures.Add($"{AzureVisionOptions.SectionName}:Key is required when Scanner:Ocr:Engine is azure.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
