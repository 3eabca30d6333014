using Hub.Gateway.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Gateway.Tests.Routing;

public sealed class ProviderHealthTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void RecordFailure_BelowThreshold_StaysClosed()
    {
        var health = Health(threshold: 3);

        health.RecordFailure();
        health.RecordFailure();

        Assert.False(health.IsOpen);
        Assert.True(health.TryAcquire());
    }

    [Fact]
    public void RecordFailure_ThresholdInARow_OpensAndSkips()
    {
        var health = Health(threshold: 3);

        Fail(health, 3);

        Assert.True(health.IsOpen);
        Assert.False(health.TryAcquire());
    }

    [Fact]
    public void RecordSuccess_BetweenFailures_ResetsTheCount()
    {
        var health = Health(threshold: 3);

        Fail(health, 2);
        health.RecordSuccess(10);
        Fail(health, 2);

        Assert.False(health.IsOpen);
    }

    [Fact]
    public void TryAcquire_AfterOpenPeriod_LetsOneTrialThrough()
    {
        var health = Health(threshold: 1, openSeconds: 30);
        health.RecordFailure();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(health.TryAcquire());

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(health.TryAcquire());
        Assert.False(health.TryAcquire());
        Assert.True(health.IsOpen);
    }

    [Fact]
    public void TrialSucceeds_Closes()
    {
        var health = Health(threshold: 1, openSeconds: 30);
        health.RecordFailure();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(health.TryAcquire());

        health.RecordSuccess(20);

        Assert.False(health.IsOpen);
        Assert.True(health.TryAcquire());
        Assert.True(health.TryAcquire());
    }

    [Fact]
    public void TrialFails_OpensAgainForAFullPeriod()
    {
        var health = Health(threshold: 5, openSeconds: 30);
        Fail(health, 5);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(health.TryAcquire());

        health.RecordFailure();

        Assert.False(health.TryAcquire());
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(health.TryAcquire());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(health.TryAcquire());
    }

    [Fact]
    public void Averages_FollowTheSamples()
    {
        var health = Health(threshold: 5);

        health.RecordSuccess(100);
        health.RecordSuccess(200);
        health.RecordThroughput(500, 1000);
        health.RecordFailure();

        Assert.Equal(120, health.LatencyMs);
        Assert.Equal(500, health.TokensPerSecond);
        Assert.Equal(0.8, health.SuccessRate, 3);
    }

    private ProviderHealth Health(int threshold, int openSeconds = 30) =>
        new(new CircuitBreakerOptions { FailureThreshold = threshold, OpenSeconds = openSeconds }, time);

    private static void Fail(ProviderHealth health, int times)
    {
        for (var i = 0; i < times; i++)
        {
            health.RecordFailure();
        }
    }
}
