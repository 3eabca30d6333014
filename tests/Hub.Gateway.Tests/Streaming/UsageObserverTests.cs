using System.Text;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Tests.Streaming;

public sealed class UsageObserverTests
{
    [Fact]
    public void JsonBody_InPieces_UsageIsRead()
    {
        var observer = new UsageObserver(stream: false);
        var body = """{"id":"x","choices":[{"message":{"content":"\"usage\":{}"}}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";

        foreach (var piece in body.Chunk(10))
        {
            observer.Observe(Encoding.UTF8.GetBytes(piece));
        }

        observer.Complete();
        Assert.Equal(new TokenUsage(12, 7), observer.Usage);
    }

    [Fact]
    public void Stream_UsageEventSplitAcrossReads_IsRead()
    {
        var observer = new UsageObserver(stream: true);
        var events = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";

        foreach (var piece in events.Chunk(7))
        {
            observer.Observe(Encoding.UTF8.GetBytes(piece));
        }

        observer.Complete();
        Assert.Equal(new TokenUsage(5, 2), observer.Usage);
    }

    [Fact]
    public void NoUsage_IsNull()
    {
        var observer = new UsageObserver(stream: false);
        observer.Observe("""{"error":{"message":"x"}}"""u8);
        observer.Complete();

        Assert.Null(observer.Usage);
    }
}
