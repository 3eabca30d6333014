namespace Hub.Core.Keys;

/// <summary>What a credential may do. Stored as text in <c>api_keys.kind</c>.</summary>
public enum ApiKeyKind
{
    /// <summary><c>oah_…</c>: calls the gateway on behalf of one project.</summary>
    Project,

    /// <summary><c>os_hub_…</c>: calls the gateway for any project of its organization.</summary>
    Account,

    /// <summary><c>hub_admin_…</c>: calls the admin API of its organization; never the gateway.</summary>
    Admin,
}
