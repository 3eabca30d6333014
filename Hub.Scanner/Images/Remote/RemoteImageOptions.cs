using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Images.Remote;

/// <summary>How remote <c>https://</c> images are fetched for scanning (section <c>Scanner:RemoteImages</c>).</summary>
internal sealed class RemoteImageOptions
{
    public const string SectionName = "Scanner:RemoteImages";

    /// <summary>Milliseconds one fetch may take in all: every redirect, connecting, TLS, headers and body. Default 5,000.</summary>
    [Range(100, 60_000)]
    public int TimeoutMs { get; set; } = 5_000;

    /// <summary>Redirects followed before the fetch is refused; each hop is checked like the first URL. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>
    /// Whether an image URL may be plain http to a loopback address (localhost, 127.0.0.0/8, ::1) and connect to loopback at
    /// all, for development and tests. Otherwise only https to public addresses is fetched. Default false.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }
}

[OptionsValidator]
internal sealed partial class RemoteImageOptionsValidator : IValidateOptions<RemoteImageOptions>;
