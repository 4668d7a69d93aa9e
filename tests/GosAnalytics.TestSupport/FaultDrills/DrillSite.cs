using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>
/// Where one drill happens: an in-memory Azurite of its own, which the drill can pause, kill and start again empty, and local host
/// processes on it (one at a time, each killable without warning) running the demo region. The host never starts or stops the
/// emulator (<c>LocalHost:StartAzurite=false</c>), so that storage outlives a killed host, as on Azure.
/// </summary>
public sealed class DrillSite : IAsyncDisposable
{
    private readonly DrillOptions options;
    private readonly AzuriteEndpoints endpoints = AzuriteEndpoints.OnFreePorts();
    private readonly int port = AzuriteEndpoints.OnFreePorts().BlobPort;
    private readonly StringBuilder log = new();
    private AzuriteProcess? azurite;
    private Process? host;
    private bool paused;

    private DrillSite(DrillOptions options)
    {
        this.options = options;
        Storage = StorageClients.FromConnectionString(endpoints.ConnectionString);
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/api/"), Timeout = TimeSpan.FromSeconds(100) };
        Http.DefaultRequestHeaders.Add("x-functions-key", options.MasterKey);
    }

    public StorageClients Storage { get; }

    /// <summary>A client of the site's host that sends the master key, as an operator's script would.</summary>
    public HttpClient Http { get; }

    /// <summary>Whether the host process has ended (on its own or killed).</summary>
    public bool HostExited => host is null || host.HasExited;

    /// <summary>Everything the site's host processes wrote, in order.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<DrillSite> OpenAsync(DrillOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var site = new DrillSite(options);
        site.azurite = await AzuriteProcess.StartAsync(site.endpoints, NullLogger.Instance, cancellationToken);
        await site.Storage.EnsureCreatedAsync(cancellationToken);
        return site;
    }

    /// <summary>Starts a local host on the site's storage; <paramref name="disabledFunctions"/> are switched off (<c>AzureWebJobs.&lt;name&gt;.Disabled</c>).</summary>
    public void StartHost(params string[] disabledFunctions)
    {
        if (!HostExited)
        {
            throw new InvalidOperationException("A host is already running on this site.");
        }

        host?.Dispose();
        string[] settings =
        [
            $"--{StorageClients.ConnectionName}={endpoints.ConnectionString}",
            $"--LocalHost:Port={port.ToString(CultureInfo.InvariantCulture)}",
            "--LocalHost:StartAzurite=false",
            "--LocalHost:ReportFirstRun=false",
            $"--LocalHost:MasterKey={options.MasterKey}",
            $"--LocalHost:MessageLease={options.MessageLease.ToString("c", CultureInfo.InvariantCulture)}",
            $"--LocalHost:VisibilityTimeout={options.VisibilityTimeout.ToString("c", CultureInfo.InvariantCulture)}",
            $"--Demo:PageCount={options.Pages.ToString(CultureInfo.InvariantCulture)}",
            $"--Demo:SimulatedLatencyMs={options.SimulatedLatencyMs.ToString(CultureInfo.InvariantCulture)}",
            .. disabledFunctions.Select(name => $"--AzureWebJobs.{name}.Disabled=true"),
        ];
        Append($"--- host started{(disabledFunctions.Length > 0 ? " with " + string.Join(", ", disabledFunctions) + " disabled" : "")}");
        host = LocalHostProcess.Start(settings, log);
    }

    /// <summary>Kills the host without warning (SIGKILL): no lease is given back, nothing is flushed.</summary>
    public async Task KillHostAsync()
    {
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            Append("--- host killed");
        }
    }

    /// <summary>Freezes the emulator (SIGSTOP): connections open, nothing answered, as storage that hangs.</summary>
    public void PauseStorage()
    {
        Signal(ProcessSignals.SigStop);
        paused = true;
        Append("--- storage paused");
    }

    public void ResumeStorage()
    {
        Signal(ProcessSignals.SigCont);
        paused = false;
        Append("--- storage resumed");
    }

    /// <summary>Kills the emulator and starts an empty one on the same ports, as an in-memory Azurite restarted: every queue, table and blob gone.</summary>
    public async Task RestartStorageEmptyAsync(CancellationToken cancellationToken)
    {
        Signal(ProcessSignals.SigKill);
        await azurite!.DisposeAsync();
        Append("--- storage killed");
        azurite = await AzuriteProcess.StartAsync(endpoints, NullLogger.Instance, cancellationToken);
        Append("--- storage started again, empty");
    }

    /// <summary>The run row of <paramref name="runId"/>, read from storage directly (null when there is none yet).</summary>
    public async Task<RunEntity?> ReadRunAsync(string runId, CancellationToken cancellationToken) =>
        await new RunStore(Storage).GetRunAsync(runId, cancellationToken);

    /// <summary>The run's row and how many of its attempt's batches are collected and done (scored or failed) so far; zeros before it is planned.</summary>
    public async Task<(RunEntity? Run, int Collected, int Done)> ReadProgressAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await ReadRunAsync(runId, cancellationToken);
        if (run is null || run.BatchCount == 0)
        {
            return (run, 0, 0);
        }

        var progress = await new RunProgressStore(Storage).ReadAsync(run.RowKey, run.Attempt, cancellationToken);
        return (run, progress.Collected, progress.Scored + progress.Failed);
    }

    /// <summary>Messages in a queue, those in flight (invisible) included.</summary>
    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken) =>
        (await Storage.Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    /// <summary>Puts a second copy of every message of <paramref name="queue"/> in it, stored text unchanged: each will be delivered twice.</summary>
    public async Task<int> DuplicateMessagesAsync(string queue, CancellationToken cancellationToken)
    {
        var client = Storage.UndecodedQueue(queue);
        var taken = new List<Azure.Storage.Queues.Models.QueueMessage>();
        while (true)
        {
            var received = (await client.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (received.Length == 0)
            {
                break;
            }

            taken.AddRange(received);
        }

        foreach (var message in taken)
        {
            await client.SendMessageAsync(message.MessageText, cancellationToken);
            await client.SendMessageAsync(message.MessageText, cancellationToken);
            await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }

        Append($"--- {taken.Count} messages of {queue} duplicated");
        return taken.Count;
    }

    /// <summary>Waits until the host has started a run (its row is in storage) and returns its id.</summary>
    public async Task<string> WaitForRunStartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var runs = new RunStore(Storage);
        while (DateTime.UtcNow < deadline)
        {
            if ((await runs.ListRunsAsync(cancellationToken)) is [var run, ..])
            {
                return run.RowKey;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new DrillFailedException($"No run started within {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>Polls <c>GET /api/runs/latest</c> until <paramref name="runId"/> (or the latest run) has ended, whatever its outcome.</summary>
    public async Task<JsonElement> WaitForRunEndAsync(string? runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (HostExited)
            {
                throw new DrillFailedException($"The host exited (code {host?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "?"}) before the run ended.");
            }

            try
            {
                using var response = await Http.GetAsync("runs/latest", cancellationToken);
                last = $"{(int)response.StatusCode}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var run = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    last = $"{run.GetProperty("runId").GetString()} {run.GetProperty("status").GetString()}";
                    if ((runId is null || run.GetProperty("runId").GetString() == runId) && run.GetProperty("status").GetString() is "completed" or "partial" or "failed")
                    {
                        return run;
                    }
                }
            }
            catch (HttpRequestException error)
            {
                // The host is still starting.
                last = error.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new DrillFailedException($"The run did not end within {timeout.TotalSeconds:F0} s (last: {last}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        host?.Dispose();
        if (paused)
        {
            ResumeStorage();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        Http.Dispose();
    }

    private void Signal(int signal)
    {
        if (ProcessSignals.Send(azurite!.ProcessId, signal) != 0)
        {
            throw new InvalidOperationException($"Could not signal the emulator (errno {Marshal.GetLastWin32Error().ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private void Append(string line)
    {
        lock (log)
        {
            log.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}

/// <summary>A drill's expectation that did not hold: the message says which and what was seen instead.</summary>
public sealed class DrillFailedException(string message) : Exception(message);
