using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>One webhook request as it arrived: the raw body bytes (what the signature covers) and the headers.</summary>
public sealed record ReceivedWebhook(string Hook, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A webhook receiver on a real Kestrel port on 127.0.0.1. Each test uses hooks of its own name
/// (<c>/hooks/{name}</c>); a hook answers 200 unless told otherwise with <see cref="Answer"/> or <see cref="Hold"/>.
/// </summary>
public sealed class FakeWebhookReceiver : FakeUpstream
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> answers = new();
    private readonly ConcurrentDictionary<string, Task> holds = new();

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static Task<FakeWebhookReceiver> StartAsync()
    {
        var receiver = new FakeWebhookReceiver();
        return StartAsync(receiver, app => app.MapPost("/hooks/{name}", receiver.ReceiveAsync));
    }

    public string Url(string hook) => $"{Root}/hooks/{hook}";

    /// <summary>The statuses the hook answers with, in order; 200 once they are used up. 3xx answers redirect to <c>{hook}-moved</c>.</summary>
    public void Answer(string hook, params int[] statuses) => answers[hook] = new ConcurrentQueue<int>(statuses);

    /// <summary>The hook answers nothing until <paramref name="release"/> completes (or the sender hangs up).</summary>
    public void Hold(string hook, Task release) => holds[hook] = release;

    public IReadOnlyList<ReceivedWebhook> For(string hook) => Received.Where(r => r.Hook == hook).ToList();

    private async Task ReceiveAsync(string name, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        Received.Enqueue(new ReceivedWebhook(name, headers, body.ToArray()));
        if (holds.TryGetValue(name, out var release))
        {
            // Until released, or until the sender gives up on this request (its timeout).
            await release.WaitAsync(context.RequestAborted);
        }

        var status = answers.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : 200;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = Url(name + "-moved");
        }

        context.Response.StatusCode = status;
    }
}
