namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A value the AppHost generates and hands to resources: passwords, the development key. Unlike
/// Aspire, which calls a value getter on every run, the orchestrator generates each value once and
/// keeps it in <c>&lt;data-dir&gt;/secrets.json</c> (Aspire keeps generated ones in user secrets), so a
/// re-run logs into the existing database cluster and scripts keep their key.
/// </summary>
public sealed class ParameterResource(string name, Func<string> valueGetter, bool secret) : Resource(name), IValueProvider
{
    private string? value;

    public bool Secret { get; } = secret;

    /// <summary>The value for this run; read it once the application has started.</summary>
    public string Value => value
        ?? throw new InvalidOperationException($"Parameter '{Name}' has no value yet: values are loaded or generated when the application starts.");

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Value);

    /// <summary>Uses the persisted value, or generates a new one; returns the value to persist.</summary>
    internal string Resolve(string? persisted)
    {
        value = string.IsNullOrEmpty(persisted) ? valueGetter() : persisted;
        return value;
    }
}
