using Hub.Scanner.Engine;
using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Tests.Engine;

public sealed class OverlapResolverTests
{
    [Fact]
    public void Resolve_Overlapping_KeepsHighestScore()
    {
        List<RecognizerResult> candidates = [new("URL", 0, 30, 0.6), new("EMAIL_ADDRESS", 7, 25, 1.0)];

        var kept = OverlapResolver.Resolve(candidates);

        Assert.Equal([new RecognizerResult("EMAIL_ADDRESS", 7, 25, 1.0)], kept);
    }

    [Fact]
    public void Resolve_EqualScores_KeepsLongestSpan()
    {
        List<RecognizerResult> candidates = [new("US_SSN", 5, 14, 0.5), new("US_BANK_NUMBER", 3, 17, 0.5)];

        Assert.Equal("US_BANK_NUMBER", Assert.Single(OverlapResolver.Resolve(candidates)).Entity);
    }

    [Fact]
    public void Resolve_SameSpanAndScore_WinnerDoesNotDependOnInputOrder()
    {
        List<RecognizerResult> forward = [new("UK_NHS_NUMBER", 0, 12, 0.6), new("PHONE_NUMBER", 0, 12, 0.6)];
        List<RecognizerResult> backward = [new("PHONE_NUMBER", 0, 12, 0.6), new("UK_NHS_NUMBER", 0, 12, 0.6)];

        Assert.Equal(OverlapResolver.Resolve(forward), OverlapResolver.Resolve(backward));
    }

    [Fact]
    public void Resolve_Disjoint_KeepsAllOrderedByStart()
    {
        List<RecognizerResult> candidates = [new("B", 10, 12, 0.2), new("A", 0, 5, 0.9), new("C", 5, 10, 0.5)];

        Assert.Equal(["A", "C", "B"], OverlapResolver.Resolve(candidates).Select(r => r.Entity));
    }

    [Fact]
    public void Resolve_ManyNestedCandidates_IsNotQuadraticAndKeepsDisjointSet()
    {
        var candidates = new List<RecognizerResult>();
        for (var i = 0; i < 100_000; i++)
        {
            candidates.Add(new RecognizerResult("N", i, i + 5, (i % 7) / 10.0));
        }

        var kept = OverlapResolver.Resolve(candidates);

        for (var i = 1; i < kept.Count; i++)
        {
            Assert.True(kept[i - 1].End <= kept[i].Start);
        }
    }
}
