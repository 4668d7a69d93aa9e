using System.Diagnostics;
using System.Text;

namespace GosAnalytics.TestSupport;

/// <summary>The local host as a child process of a bench or a test, run from the caller's own output folder (the project references it).</summary>
public static class LocalHostProcess
{
    /// <summary>Starts the local host with <paramref name="settings"/> (<c>--Key=value</c>); its output goes to <paramref name="log"/>, if given.</summary>
    public static Process Start(IEnumerable<string> settings, StringBuilder? log = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GosAnalytics.LocalHost.dll"));
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder? log, string? line)
    {
        if (log is not null && line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
