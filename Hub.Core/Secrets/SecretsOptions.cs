namespace Hub.Core.Secrets;

/// <summary>
/// <c>Hub:Secrets</c>: the master key that wraps every organization's data key (docs/byok.md). Each
/// value is the base64 of 32 random bytes, or the path of a file holding that (or the 32 raw bytes).
/// Environment or secret store only: never an appsettings file, never the database.
/// </summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Hub:Secrets";

    /// <summary>The current master key: new data keys are wrapped with it and rotation re-wraps the rest with it. Required in Production.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Earlier master keys still accepted for unwrapping, during a rotation (docs/byok.md, "Rotating the master key").</summary>
    public List<string> RetiredMasterKeys { get; set; } = [];
}
