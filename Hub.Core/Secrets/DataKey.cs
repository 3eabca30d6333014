using System.Text;

namespace Hub.Core.Secrets;

/// <summary>
/// An organization's data key: the AES-256 key its provider keys are sealed with. Stored only wrapped
/// (sealed) by a master key, with the organization and the data key's id as associated data; a
/// rotation re-wraps it and leaves every secret it sealed untouched.
/// </summary>
public sealed class DataKey(Guid id, Guid organizationId, byte[] key)
{
    public Guid Id { get; } = id;

    public Guid OrganizationId { get; } = organizationId;

    internal ReadOnlySpan<byte> Bytes => key;

    public override string ToString() => $"{nameof(DataKey)}({Id})";

    /// <summary>What a wrapped data key is bound to: moved to another organization's row, it does not unwrap.</summary>
    internal static byte[] AssociatedData(Guid id, Guid organizationId) =>
        Encoding.ASCII.GetBytes($"hub-data-key-v1|{organizationId:D}|{id:D}");
}
