namespace Hub.Gateway.Scanning;

/// <summary>
/// Where Hub.Scanner listens, as Aspire passes it: <c>services__scanner__https__0</c> or
/// <c>services__scanner__http__0</c> (HTTPS preferred, as the <c>https+http://</c> scheme would pick).
/// </summary>
internal static class ScannerAddress
{
    public static Uri? From(IConfiguration configuration)
    {
        var address = configuration["services:scanner:https:0"] ?? configuration["services:scanner:http:0"];
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}
