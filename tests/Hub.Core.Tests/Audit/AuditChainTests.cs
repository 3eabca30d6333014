using Hub.Core.Audit;
using Hub.Testing;

namespace Hub.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly AuditRecord Sample = new(
        7,
        AuditEventSamples.Completed(new Guid("0b6d3f0e-8a51-4c55-9d67-5b0c1f7e2a11"), occurredAt: new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)) with
        {
            CorrelationId = "req_fixed",
            ProjectId = new Guid("4f1c2a43-0d7e-4c7b-8a9c-2b9b3f0d4e55"),
            KeyId = new Guid("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"),
            PolicyId = new Guid("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
        },
        new DateTimeOffset(2025, 3, 4, 5, 6, 8, TimeSpan.Zero),
        new DateTimeOffset(2025, 6, 2, 5, 6, 7, TimeSpan.Zero),
        AuditChain.Genesis(),
        []);

    /// <summary>Every stored field, changed one at a time: each must change the hash.</summary>
    public static TheoryData<string, Func<AuditRecord, AuditRecord>> EveryField() => new()
    {
        { "seq", r => r with { Seq = r.Seq + 1 } },
        { "prev_hash", r => r with { PrevHash = [.. r.PrevHash[..31], 1] } },
        { "recorded_at", r => r with { RecordedAt = r.RecordedAt.AddTicks(10) } },
        { "retain_until", r => r with { RetainUntil = r.RetainUntil.AddDays(1) } },
        { "organization_id", r => r with { Event = r.Event with { OrganizationId = Guid.NewGuid() } } },
        { "correlation_id", r => r with { Event = r.Event with { CorrelationId = "req_other" } } },
        { "occurred_at", r => r with { Event = r.Event with { OccurredAt = r.Event.OccurredAt.AddTicks(10) } } },
        { "project_id", r => r with { Event = r.Event with { ProjectId = null } } },
        { "key_id", r => r with { Event = r.Event with { KeyId = Guid.NewGuid() } } },
        { "end_user", r => r with { Event = r.Event with { EndUser = "someone else" } } },
        { "model_requested", r => r with { Event = r.Event with { ModelRequested = "oah/other" } } },
        { "model_served", r => r with { Event = r.Event with { ModelServed = "other" } } },
        { "provider", r => r with { Event = r.Event with { Provider = "anthropic" } } },
        { "entities count", r => r with { Event = r.Event with { Entities = [r.Event.Entities[0] with { Count = 3 }, r.Event.Entities[1]] } } },
        { "entities action", r => r with { Event = r.Event with { Entities = [r.Event.Entities[0] with { Action = "LOG" }, r.Event.Entities[1]] } } },
        { "entities order", r => r with { Event = r.Event with { Entities = [r.Event.Entities[1], r.Event.Entities[0]] } } },
        { "policy_id", r => r with { Event = r.Event with { PolicyId = null } } },
        { "policy_version", r => r with { Event = r.Event with { PolicyVersion = 4 } } },
        { "scan_ms", r => r with { Event = r.Event with { ScanMs = 1.2500001 } } },
        { "upstream_ms", r => r with { Event = r.Event with { UpstreamMs = null } } },
        { "status", r => r with { Event = r.Event with { Status = 502 } } },
        { "outcome", r => r with { Event = r.Event with { Outcome = AuditOutcomes.Failed } } },
        { "error_type", r => r with { Event = r.Event with { ErrorType = "upstream_error" } } },
        { "prompt_tokens", r => r with { Event = r.Event with { PromptTokens = 43 } } },
        { "completion_tokens", r => r with { Event = r.Event with { CompletionTokens = null } } },
        { "cost_micros", r => r with { Event = r.Event with { CostMicros = 1235 } } },
        { "fallbacks", r => r with { Event = r.Event with { Fallbacks = ["groq"] } } },
        { "prompt_sha256", r => r with { Event = r.Event with { PromptSha256 = new string('0', 64) } } },
    };

    [Theory]
    [MemberData(nameof(EveryField))]
    public void ComputeRowHash_AnyFieldChanged_HashChanges(string field, Func<AuditRecord, AuditRecord> change)
    {
        var original = AuditChain.ComputeRowHash(Sample);

        var changed = AuditChain.ComputeRowHash(change(Sample));

        Assert.False(original.AsSpan().SequenceEqual(changed), $"Changing {field} left the hash unchanged.");
    }

    [Fact]
    public void ComputeRowHash_EqualContentInNewInstances_SameHash()
    {
        var copy = Sample with { Event = Sample.Event with { Entities = [.. Sample.Event.Entities], Fallbacks = [.. Sample.Event.Fallbacks] } };

        Assert.Equal(AuditChain.ComputeRowHash(Sample), AuditChain.ComputeRowHash(copy));
    }

    [Fact]
    public void ComputeRowHash_IsSha256OfPrevHashThenCanonicalBytes()
    {
        var expected = System.Security.Cryptography.SHA256.HashData([.. Sample.PrevHash, .. AuditChain.CanonicalBytes(Sample)]);

        Assert.Equal(expected, AuditChain.ComputeRowHash(Sample));
    }

    [Fact]
    public void CanonicalBytes_NullAndEmptyText_Differ()
    {
        var withNull = AuditChain.CanonicalBytes(Sample with { Event = Sample.Event with { EndUser = null } });
        var withEmpty = AuditChain.CanonicalBytes(Sample with { Event = Sample.Event with { EndUser = "" } });

        Assert.NotEqual(withNull, withEmpty);
    }

    [Fact]
    public void CanonicalBytes_TextBoundariesShifted_Differ()
    {
        var a = AuditChain.CanonicalBytes(Sample with { Event = Sample.Event with { ModelRequested = "ab", ModelServed = "c" } });
        var b = AuditChain.CanonicalBytes(Sample with { Event = Sample.Event with { ModelRequested = "a", ModelServed = "bc" } });

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void CanonicalBytes_StartWithVersionTag()
    {
        Assert.Equal("hub-audit-row-v1"u8.ToArray(), AuditChain.CanonicalBytes(Sample)[..16]);
    }

    [Fact]
    public void ToStoredPrecision_DropsSubMicrosecondTicksAndOffset()
    {
        var value = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(12_345_678);

        var stored = AuditChain.ToStoredPrecision(value);

        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(value.UtcTicks - 8, stored.UtcTicks);
    }
}
