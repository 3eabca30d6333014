using System.Runtime.InteropServices;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP (terminal closed) into a cancellation, instead of the
/// runtime's default of ending the process at once, which would leave every child running.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignals(CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: shutdown is ours to do, in order. A second signal changes nothing;
        // every stop already ends in SIGKILL after its grace period.
        context.Cancel = true;
        stop.Cancel();
    }
}
