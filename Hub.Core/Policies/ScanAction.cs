namespace Hub.Core.Policies;

/// <summary>What happens to a finding of an entity type.</summary>
public enum ScanAction
{
    /// <summary>Not scanned at all.</summary>
    Off,

    /// <summary>Recorded; the text is left unchanged.</summary>
    Log,

    /// <summary>Replaced by a placeholder such as <c>[EMAIL_ADDRESS]</c>.</summary>
    Redact,

    /// <summary>The whole request is refused.</summary>
    Block,
}

/// <summary>The wire spelling of <see cref="ScanAction"/>: OFF, LOG, REDACT, BLOCK (parsed case-insensitively).</summary>
public static class ScanActions
{
    public static bool TryParse(string? text, out ScanAction action)
    {
        action = text?.ToUpperInvariant() switch
        {
            "OFF" => ScanAction.Off,
            "LOG" => ScanAction.Log,
            "REDACT" => ScanAction.Redact,
            "BLOCK" => ScanAction.Block,
            _ => (ScanAction)(-1),
        };
        return Enum.IsDefined(action);
    }

    public static string ToWire(this ScanAction action) => action switch
    {
        ScanAction.Off => "OFF",
        ScanAction.Log => "LOG",
        ScanAction.Redact => "REDACT",
        ScanAction.Block => "BLOCK",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>How placeholders read: <c>[PERSON]</c>, or <c>[PERSON_1]</c>, <c>[PERSON_2]</c> per distinct value.</summary>
public enum PlaceholderStyle
{
    Type,
    Numbered,
}
