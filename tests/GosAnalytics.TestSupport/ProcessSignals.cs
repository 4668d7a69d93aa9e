using System.Runtime.InteropServices;

namespace GosAnalytics.TestSupport;

/// <summary>POSIX signals sent to processes the tests and benches start (Linux numbers).</summary>
public static class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (a negative pid: to that process group); 0 when sent.</summary>
    public static int Send(int pid, int signal) => Kill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
