using System.Security.Claims;
using System.Text.Encodings.Web;
using Hub.Core.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Auth;

/// <summary>
/// <c>Authorization: Bearer hub_admin_…</c>: the token's organization is the only one the caller can
/// see or change. Gateway keys (<c>oah_</c>, <c>os_hub_</c>) are refused here.
/// </summary>
internal sealed partial class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    ApiKeyRepository keys, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "AdminToken";
    public const string OrganizationClaim = "hub:organization";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[scheme.Length..].Trim();
        if (!token.StartsWith(ApiKeyFormat.AdminPrefix, StringComparison.Ordinal) || !ApiKeyFormat.LooksLikeKey(token))
        {
            return AuthenticateResult.Fail("Not an admin token.");
        }

        var record = await keys.FindAsync(token, Context.RequestAborted);
        if (record is not { Kind: ApiKeyKind.Admin } || !record.IsUsableAt(time.GetUtcNow()))
        {
            Log.AdminTokenRejected(Logger);
            return AuthenticateResult.Fail("Unknown, revoked or expired admin token.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(OrganizationClaim, record.OrganizationId.ToString()), new Claim(ClaimTypes.NameIdentifier, record.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.AdminTokenRejected, EventName = nameof(AdminTokenRejected), Level = LogLevel.Debug,
            Message = "Admin token rejected")]
        public static partial void AdminTokenRejected(ILogger logger);
    }
}

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The organization every admin request is scoped to.</summary>
    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(AdminTokenAuthenticationHandler.OrganizationClaim)!);
}
