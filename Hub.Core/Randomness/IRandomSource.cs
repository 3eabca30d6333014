using System.Security.Cryptography;

namespace Hub.Core.Randomness;

/// <summary>Where Hub gets random bytes (keys, ids), so tests can make them exact.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}

/// <summary>The cryptographic generator: key material must be unpredictable.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public static readonly CryptoRandomSource Instance = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
