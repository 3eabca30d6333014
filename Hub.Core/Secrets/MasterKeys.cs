using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Core.Secrets;

/// <summary>The process's <see cref="MasterKeyRing"/>, read once from <see cref="SecretsOptions"/>; none when no key is configured (never in Production).</summary>
public sealed class MasterKeys(IOptions<SecretsOptions> options)
{
    private readonly Lazy<MasterKeyRing?> ring = new(() => MasterKeyRing.From(options.Value));

    public MasterKeyRing? Ring => ring.Value;

    /// <exception cref="SecretsNotConfiguredException">No master key is configured.</exception>
    public MasterKeyRing Required => Ring ?? throw new SecretsNotConfiguredException();
}

/// <summary>Stored secrets cannot be sealed or opened: <c>Hub:Secrets:MasterKey</c> is not set.</summary>
public sealed class SecretsNotConfiguredException() : Exception("Hub:Secrets:MasterKey is not configured, so provider keys cannot be stored or used.");

/// <summary>
/// Stops the process at start when the master key is missing in Production, or when any configured
/// key cannot be read (a typo must not surface at the first BYOK request). The messages name the
/// setting, never its value.
/// </summary>
internal sealed class SecretsOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail("Hub:Secrets:MasterKey is required in Production: the base64 of 32 random bytes, or the path of a file holding them (docs/byok.md).")
                : ValidateOptionsResult.Success;
        }

        try
        {
            MasterKeyRing.From(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
