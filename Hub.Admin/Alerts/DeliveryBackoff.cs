using System.Buffers.Binary;
using Hub.Core.Randomness;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Alerts;

/// <summary>
/// The wait before a delivery's next attempt: exponential (<see cref="BudgetAlertOptions.RetryInitialDelayMs"/>
/// doubled after each failure, capped at <see cref="BudgetAlertOptions.RetryMaxDelayMs"/>) and jittered by
/// ±<see cref="Jitter"/>, so that the deliveries of many alerts that failed together (one receiver down)
/// do not come back together.
/// </summary>
internal sealed class DeliveryBackoff(IRandomSource random, IOptions<BudgetAlertOptions> options)
{
    public const double Jitter = 0.2;

    private readonly BudgetAlertOptions settings = options.Value;

    /// <summary>After the <paramref name="attempts"/>-th attempt failed (1 for the first): initial × 2^(attempts−1), capped, × [0.8, 1.2).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var nominal = Math.Min(settings.RetryMaxDelayMs, settings.RetryInitialDelayMs * Math.Pow(2, Math.Min(attempts - 1, 40)));
        Span<byte> bytes = stackalloc byte[2];
        random.Fill(bytes);
        var unit = BinaryPrimitives.ReadUInt16LittleEndian(bytes) / 65_536.0;
        return TimeSpan.FromMilliseconds(nominal * (1 - Jitter + (2 * Jitter * unit)));
    }
}
