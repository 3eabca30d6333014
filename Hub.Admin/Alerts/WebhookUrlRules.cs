namespace Hub.Admin.Alerts;

/// <summary>
/// Which URLs a webhook may have: absolute https, or http to a loopback address when
/// <see cref="BudgetAlertOptions.AllowLoopbackHttp"/> says so; no credentials or fragment in the URL.
/// Checked when the URL is set and again before each attempt (the setting may have changed).
/// </summary>
internal static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>The parsed URL, or why it is refused (a reason that does not echo the URL).</summary>
    public static (Uri? Url, string? Problem) Check(string? url, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (null, $"An absolute URL of at most {MaxLength} characters is required.");
        }

        var allowed = uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        if (!allowed)
        {
            return (null, allowLoopbackHttp ? "Must be https, or http to a loopback address." : "Must be https.");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return (null, "Must not contain credentials or a fragment.");
        }

        return (uri, null);
    }
}
