using System.Diagnostics;
using System.Net;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Waits for a service's <c>GET /health</c> to answer 200: every registered check passes (Admin's only
/// after its migrations ran), which is what <c>WaitFor</c> means. Gives up when the process exits.
/// </summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task WaitUntilHealthyAsync(string resourceName, Uri url, ChildProcess process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // No proxy: a proxy from the environment must not see (or break) loopback health checks.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var elapsed = Stopwatch.StartNew();
        var lastAnswer = "no answer";
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{resourceName} exited with code {process.ExitCode} during start-up; its output is above.");
            }

            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                // Not listening yet: the usual answer during start-up.
                lastAnswer = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer (the client's timeout); the deadline below decides.
                lastAnswer = "no answer within 5 s";
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{resourceName} was not healthy after {timeout.TotalSeconds:0} s: GET {url} → {lastAnswer}.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
