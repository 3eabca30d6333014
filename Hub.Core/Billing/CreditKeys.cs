using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Billing;

/// <summary>
/// Where the live credit figures sit in Redis. Each account (the wallet, or one budget in one period)
/// is a hash: <c>limit</c> (paid in, or the budget's amount), <c>used</c> (charged), <c>held</c> (open
/// holds), <c>seq</c> (the last top-up a rebuild included), and one <c>h:&lt;correlation id&gt;</c> field
/// per open hold; beside it a sorted set <c>…:exp</c> of those holds by expiry. An organization's keys
/// share the hash tag <c>{org}</c>.
/// </summary>
public static class CreditKeys
{
    public static string Wallet(Guid organizationId) => $"hub:credits:{{{organizationId:D}}}:wallet";

    /// <summary>One budget's account for one period (its start as Unix seconds) and, for a per-user budget, one end user.</summary>
    public static string Budget(Budget budget, DateTimeOffset periodStart, string subject)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var key = $"hub:credits:{{{budget.OrganizationId:D}}}:budget:{budget.Id:N}:{periodStart.ToUnixTimeSeconds()}";
        return budget.ScopeId == Billing.Budget.EveryUser ? $"{key}:{SubjectHash(subject)}" : key;
    }

    public static string Expiries(string accountKey) => accountKey + ":exp";

    /// <summary>Marks a correlation id as settled, so a repeated settlement changes nothing.</summary>
    public static string Settled(Guid organizationId, string correlationId) => $"hub:credits:{{{organizationId:D}}}:settled:{correlationId}";

    /// <summary>End-user ids are the caller's strings: keys carry a fixed-length digest of them instead.</summary>
    private static string SubjectHash(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)).AsSpan(0, 12));
}
