using System.Security.Cryptography;
using System.Text;
using Hub.Core.Randomness;
using Hub.Core.Secrets;

namespace Hub.Core.Byok;

/// <summary>
/// Seals and opens provider credentials with the organization's <see cref="DataKey"/>. The associated
/// data names the organization, the project (or none) and the provider, so sealed credentials copied
/// to another organization's, project's or provider's row do not open.
/// </summary>
public static class ByokSeal
{
    public static SealedSecret Seal(DataKey dataKey, Guid? projectId, string provider, ByokCredentials credentials, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentNullException.ThrowIfNull(credentials);
        var plaintext = credentials.ToUtf8Json();
        try
        {
            return SecretBox.Seal(dataKey.Bytes, plaintext, AssociatedData(dataKey.OrganizationId, projectId, provider), random);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <exception cref="SecretUnreadableException">Wrong data key, or the sealed credentials or where they belong changed.</exception>
    public static ByokCredentials Open(DataKey dataKey, SealedByokKey stored)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentNullException.ThrowIfNull(stored);
        if (dataKey.Id != stored.DataKeyId || dataKey.OrganizationId != stored.Key.OrganizationId)
        {
            throw new SecretUnreadableException("The provider key was sealed with another data key.");
        }

        var plaintext = SecretBox.Open(dataKey.Bytes, stored.Credentials, AssociatedData(stored.Key.OrganizationId, stored.Key.ProjectId, stored.Key.Provider));
        try
        {
            return ByokCredentials.FromUtf8Json(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public static byte[] AssociatedData(Guid organizationId, Guid? projectId, string provider) =>
        Encoding.UTF8.GetBytes($"hub-byok-v1|{organizationId:D}|{(projectId is { } project ? project.ToString("D") : "-")}|{provider}");
}
