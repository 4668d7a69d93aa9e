using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// Debian's Chromium driven by Playwright, headless. Playwright's own browser download cannot work on a machine without
/// internet, so the tests use <c>/usr/bin/chromium</c> and install it with apt when it is missing (as root, as CI runs).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ChromiumInstaller.EnsureInstalledAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumInstaller.ExecutablePath,
            Headless = true,

            // The machine's network is closed: without these, Chromium keeps trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context (own cookies and storage) with a Russian locale and a large viewport.</summary>
    public Task<IBrowserContext> NewContextAsync(string timeZone = "Europe/Moscow") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "ru-RU",
        TimezoneId = timeZone,
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>Installs Debian's <c>chromium</c> package once per machine; parallel test processes wait on a file lock.</summary>
public static class ChromiumInstaller
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string InstallHint = "Install it with: sudo apt-get update && sudo apt-get install -y chromium";

    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ExecutablePath} (Debian's chromium package); this is not Linux.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ExecutablePath}, which is missing, and they are not running as root, so they cannot install it. {InstallHint}");
        }

        await InProcess.WaitAsync();
        try
        {
            using var machineWide = await AcquireFileLockAsync(Path.Combine(Path.GetTempPath(), "gosanalytics-chromium-install.lock"), TimeSpan.FromMinutes(20));
            if (File.Exists(ExecutablePath))
            {
                return; // Another test process installed it while this one waited.
            }

            await RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update"]);
            await RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "chromium"]);
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"apt-get installed chromium but {ExecutablePath} does not exist. {InstallHint}");
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>An exclusive lock on a file: .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, which other processes respect.</summary>
    private static async Task<FileStream> AcquireFileLockAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within 15 minutes. {InstallHint}");
        }

        if (process.ExitCode != 0)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var tail = text.Length > 4000 ? text[^4000..] : text;
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}. {InstallHint}\n{tail}");
        }
    }
}
