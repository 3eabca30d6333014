using System.Runtime.InteropServices;

namespace Hub.AppHost.LocalServers;

/// <summary>kill(2): <see cref="System.Diagnostics.Process"/> can only send SIGKILL, and servers deserve a polite stop first.</summary>
internal static partial class UnixSignal
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>False when the process is gone (or not ours to signal).</summary>
    public static bool Send(int processId, int signal) => SendSignal(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
