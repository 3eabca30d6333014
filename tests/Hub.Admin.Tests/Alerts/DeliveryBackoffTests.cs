using Hub.Admin.Alerts;
using Hub.Core.Randomness;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Tests.Alerts;

public sealed class DeliveryBackoffTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(3, 4_000)]
    [InlineData(5, 16_000)]
    [InlineData(6, 32_000)]
    [InlineData(7, 32_000)]
    [InlineData(100, 32_000)]
    public void DelayAfter_Attempts_DoublesFromInitialUpToMax(int attempts, double nominalMs)
    {
        Assert.Equal(nominalMs * 0.8, Backoff(0x00).DelayAfter(attempts).TotalMilliseconds, precision: 6);
        Assert.Equal(nominalMs * 1.2, Backoff(0xFF).DelayAfter(attempts).TotalMilliseconds, nominalMs * 0.0001);
        Assert.Equal(nominalMs, Backoff(0x00, 0x80).DelayAfter(attempts).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void DelayAfter_CryptoRandom_WithinTwentyPercent()
    {
        var backoff = new DeliveryBackoff(CryptoRandomSource.Instance, Options.Create(new BudgetAlertOptions()));
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(backoff.DelayAfter(2).TotalMilliseconds, 1_600, 2_400);
        }
    }

    private static DeliveryBackoff Backoff(byte low, byte? high = null) =>
        new(new FixedRandom(low, high ?? low), Options.Create(new BudgetAlertOptions()));

    /// <summary>Fills with the given little-endian 16-bit value, so the jitter factor is exact.</summary>
    private sealed class FixedRandom(byte low, byte high) : IRandomSource
    {
        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = i % 2 == 0 ? low : high;
            }
        }
    }
}
