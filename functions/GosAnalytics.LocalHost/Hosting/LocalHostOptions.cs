using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// How the local host runs the functions, section <c>LocalHost</c>. Queue defaults mirror the Functions host and are
/// overridden by the app's host.json (<c>extensions.queues</c>), then by configuration.
/// </summary>
internal sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    [Range(1, 65535)]
    public int Port { get; set; } = 7071;

    /// <summary>Fire every timer once when the host starts (the Functions RunOnStartup behaviour, for local use only).</summary>
    public bool RunTimersAtStartup { get; set; } = true;

    /// <summary>Start Azurite when the configured development storage is not reachable.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Print the top 10 of the first completed run and the API address.</summary>
    public bool ReportFirstRun { get; set; } = true;

    /// <summary>Stop the process once the run started at startup has completed (benchmarks and scripted use).</summary>
    public bool ExitAfterRun { get; set; }

    /// <summary>
    /// When set, the start-up run's report is also written to this JSON file once the run completes: the run status, each stage's wall
    /// and busy time and peak working set, the storage operations by stage and kind, and the process's CPU time and peak memory
    /// (the scale bench reads it).
    /// </summary>
    public string? RunReportFile { get; set; }

    /// <summary>
    /// Serve <c>GET /bench/static/{bytes}</c>: a fixed JSON document of that many bytes, written like every read answer. The serve
    /// bench compares each API route with a static document of the same size served by the same host. Off unless asked for.
    /// </summary>
    public bool ServeBenchmarkDocuments { get; set; }

    /// <summary>Days before the scheduled one to run first (oldest first), so growth has history on a fresh setup.</summary>
    [Range(0, 30)]
    public int BackfillDays { get; set; }

    /// <summary>Messages fetched per poll, as the host's <c>batchSize</c>.</summary>
    [Range(1, 32)]
    public int QueueBatchSize { get; set; } = 16;

    /// <summary>Deliveries before a message moves to <c>&lt;queue&gt;-poison</c>, as the host's <c>maxDequeueCount</c>.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Delay before a failed message is visible again, as the host's <c>visibilityTimeout</c>.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Longest wait between polls of an idle queue (the host uses 2 s locally).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Invisibility of a message while its function runs, renewed at half-time; after a crash the message returns when it lapses. Short
    /// (the Functions host holds 10 min), so that a local host restarted after a crash resumes within it; a clean stop gives unfinished
    /// messages back at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The key that opens every route with a key, as the Functions host's master key: the <c>Admin</c> routes and the <c>Function</c>
    /// ones. Unset: a random key for this process, printed at start.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>A key that opens the <c>Function</c> routes only, as a function key on Azure (optional).</summary>
    public string? FunctionKey { get; set; }
}
