using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>The three Azurite endpoints on one loopback address, and the connection string that reaches them.</summary>
public sealed record AzuriteEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    /// <summary>Azurite's well-known development account (public, documented key: not a secret).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzuriteEndpoints Default { get; } = new(10000, 10001, 10002);

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Three ports the OS reports free right now.</summary>
    public static AzuriteEndpoints OnFreePorts() => new(FreePort(), FreePort(), FreePort());

    /// <summary>The endpoints of a development connection string, or null when it points elsewhere (a real account).</summary>
    public static AzuriteEndpoints? FromConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return Default;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        int? Port(string key) =>
            parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost")
                ? uri.Port
                : null;
        return Port("BlobEndpoint") is { } blob && Port("QueueEndpoint") is { } queue && Port("TableEndpoint") is { } table
            ? new AzuriteEndpoints(blob, queue, table)
            : null;
    }

    public bool IsReachable() => new[] { BlobPort, QueuePort, TablePort }.All(IsListening);

    /// <summary>
    /// Whether anything accepts connections on a loopback port. A refused connection answers at once, so the timeout only
    /// guards a hang; it is generous because a busy machine (parallel test assemblies) can be slow to complete a connect.
    /// </summary>
    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(5)) && client.Connected;
        }
        catch (Exception error) when (error is SocketException or AggregateException)
        {
            return false;
        }
    }

    /// <summary>
    /// A port that binds now, drawn at random below the kernel's ephemeral range (32768 and up on Linux). Servers bound to
    /// port 0 (the fake platforms, HTTP clients' own sockets) get ports from that range, so they cannot take this one in the
    /// second before Azurite binds it; ports handed out once in this process are not handed out again.
    /// </summary>
    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (!HandedOut.Add(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken by someone else: draw again.
                }
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];
}

/// <summary>
/// An Azurite emulator this process started (in memory, with <c>--skipApiVersionCheck</c> because current SDKs send newer API versions).
/// Installs the repository's npm packages first when they are missing. Disposing stops it and everything it spawned; it also stops
/// when this process ends in any way, and signals meant for this process's group do not reach it (see <see cref="StartAsync"/>).
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process process;

    private AzuriteProcess(Process process, AzuriteEndpoints endpoints)
    {
        this.process = process;
        Endpoints = endpoints;
    }

    public AzuriteEndpoints Endpoints { get; }

    /// <summary>The emulator's process id (the scale bench reads its CPU time and peak memory).</summary>
    public int ProcessId => process.Id;

    /// <summary>Starts Azurite unless something already listens on the endpoints; returns null when it was already running.</summary>
    public static async Task<AzuriteProcess?> EnsureRunningAsync(AzuriteEndpoints endpoints, ILogger logger, CancellationToken cancellationToken)
    {
        if (endpoints.IsReachable())
        {
            logger.LogInformation("Azurite is already listening on ports {Blob}/{Queue}/{Table}", endpoints.BlobPort, endpoints.QueuePort, endpoints.TablePort);
            return null;
        }

        return await StartAsync(endpoints, logger, cancellationToken);
    }

    public static async Task<AzuriteProcess> StartAsync(AzuriteEndpoints endpoints, ILogger logger, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var entryPoint = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entryPoint))
        {
            // Test assemblies start emulators in parallel processes: one installs, the others wait for it.
            using var installLock = await AcquireInstallLockAsync(root, cancellationToken);
            if (!File.Exists(entryPoint))
            {
                await InstallNodePackagesAsync(root, logger, cancellationToken);
            }
        }

        // Its own session where setsid exists (Linux): Ctrl+C in the terminal, a signal to the host's process group and a hang-up
        // do not reach the emulator, so it serves until the host has stopped and then stops it. Its stdin is a pipe from this
        // process; when that closes (this process ended, even killed), the emulator exits too and is never left running.
        var setsid = SetSid();
        var start = new ProcessStartInfo(setsid ?? "node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add("--wait");
            start.ArgumentList.Add("node");
        }

        foreach (var argument in new[]
        {
            "-e", ExitWithParent,
            entryPoint, "--inMemoryPersistence", "--skipApiVersionCheck", "--silent", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", endpoints.BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", endpoints.QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", endpoints.TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node to run Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, endpoints);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!endpoints.IsReachable())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"Azurite did not start on ports {endpoints.BlobPort}/{endpoints.QueuePort}/{endpoints.TablePort}. Its output:\n{log}");
            }

            await Task.Delay(200, cancellationToken);
        }

        logger.LogInformation("Started Azurite (in memory) on ports {Blob}/{Queue}/{Table}", endpoints.BlobPort, endpoints.QueuePort, endpoints.TablePort);
        return azurite;
    }

    /// <summary>
    /// Node's code around Azurite's entry point (<c>node -e</c> leaves the entry point as <c>argv[1]</c>, as Azurite expects): exit when
    /// stdin, the pipe from the process that started it, reaches its end.
    /// </summary>
    private const string ExitWithParent =
        "process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume(); require(process.argv[1]);";

    private static string? SetSid() =>
        OperatingSystem.IsLinux()
            ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
            : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static async Task<FileStream> AcquireInstallLockAsync(string root, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, "node_modules.install.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task InstallNodePackagesAsync(string root, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Installing Azurite with npm ci in {Root}", root);
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel", "error" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm; install Node.js 20 with npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' failed with exit code {npm.ExitCode} in {root}:\n{await stdout}\n{await stderr}");
        }
    }
}

/// <summary>Finds the repository root (the folder with GosAnalytics.sln and package.json) from the running binary or the working directory.</summary>
internal static class RepositoryRoot
{
    /// <summary>Set when the binaries live outside the repository (e.g. <c>dotnet build --artifacts-path /tmp/…</c>).</summary>
    public const string Variable = "GOSANALYTICS_REPO_ROOT";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "package.json"))
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException($"{Variable}='{configured}' has no package.json.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GosAnalytics.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root (GosAnalytics.sln with package.json) above {AppContext.BaseDirectory}; set {Variable} to it.");
    }
}
