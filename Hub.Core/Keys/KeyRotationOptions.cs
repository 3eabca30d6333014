using System.ComponentModel.DataAnnotations;

namespace Hub.Core.Keys;

/// <summary>
/// When a key should be replaced. Keys never stop working because of this (that is what an expiry is
/// for): the admin API shows <c>rotate_by</c> at creation, and once that date has passed every gateway
/// response to the key carries <c>x-hub-key-rotation-due</c>, so the owner sees it in their client.
/// </summary>
public sealed class KeyRotationOptions
{
    public const string SectionName = "Keys";

    /// <summary>Days after creation a key is due for rotation. Default 90.</summary>
    [Range(1, 3650)]
    public int RotationReminderDays { get; set; } = 90;

    public DateTimeOffset RotateBy(DateTimeOffset createdAt) => createdAt.AddDays(RotationReminderDays);
}

[Microsoft.Extensions.Options.OptionsValidator]
public sealed partial class KeyRotationOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<KeyRotationOptions>;
