using System.Diagnostics;
using System.Globalization;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host as its own process, started as a terminal starts a command: in a new session (its own process group, which is
/// what Ctrl+C signals), with its settings in the environment. Its output lines are kept.
/// </summary>
internal sealed class LocalHostInTerminal : IDisposable
{
    public const int SigInt = ProcessSignals.SigInt;
    public const int SigKill = ProcessSignals.SigKill;
    public const int SigTerm = ProcessSignals.SigTerm;

    private readonly Process process;
    private readonly List<string> lines = [];

    private LocalHostInTerminal(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Whether processes can be started in their own session here (Linux with setsid).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid") && File.Exists("/usr/bin/env");

    /// <summary>The process id, which is also its process group's id.</summary>
    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>
    /// Starts the local host with <paramref name="settings"/>. With <paramref name="dotnetRun"/>, through the README's command
    /// (<c>dotnet run --project functions/GosAnalytics.LocalHost</c>, without building again) when this build left the project's own
    /// output in place; otherwise, and without it, the host's assembly next to the tests.
    /// </summary>
    public static LocalHostInTerminal Start(IReadOnlyDictionary<string, string?> settings, bool dotnetRun = false)
    {
        // As a job in the foreground of a terminal: Ctrl+C reaches it. A test run started in the background of a script (`… &`)
        // ignores SIGINT, and a process inherits that; `env --default-signal=INT` gives the host the terminal's disposition back.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("/usr/bin/setsid");
        if (dotnetRun && ProjectBuildConfiguration() is { } configuration)
        {
            // From the test's folder, not the repository root, so that a developer's local.settings.json does not apply.
            var project = Path.Combine(RepositoryRoot.Find(), "functions", "GosAnalytics.LocalHost");
            foreach (var argument in new[] { "dotnet", "run", "--no-build", "-c", configuration, "--project", project })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.ArgumentList.Add("dotnet");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GosAnalytics.LocalHost.dll"));
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new LocalHostInTerminal(Process.Start(start)!);
    }

    /// <summary>Sends <paramref name="signal"/> to the whole process group, as Ctrl+C in a terminal does.</summary>
    public void SignalGroup(int signal) => Assert.Equal(0, ProcessSignals.Send(-process.Id, signal));

    /// <summary>Sends <paramref name="signal"/> to the process alone.</summary>
    public void Signal(int signal) => Assert.Equal(0, ProcessSignals.Send(process.Id, signal));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; false when the process exits or the timeout passes first.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (Lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return Lines.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Processes whose command line holds Azurite's blob port argument for <paramref name="endpoints"/>.</summary>
    public static IReadOnlyList<int> AzuriteProcesses(AzuriteEndpoints endpoints)
    {
        var marker = $"--blobPort\0{endpoints.BlobPort.ToString(CultureInfo.InvariantCulture)}\0";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (commandLine.Contains("azurite", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    /// <summary>The configuration this test assembly was built in, when the host project's own output of it exists.</summary>
    private static string? ProjectBuildConfiguration()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name;
        return configuration is not null && File.Exists(Path.Combine(
            RepositoryRoot.Find(), "functions", "GosAnalytics.LocalHost", "bin", configuration, "net10.0", "GosAnalytics.LocalHost.dll"))
            ? configuration
            : null;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
