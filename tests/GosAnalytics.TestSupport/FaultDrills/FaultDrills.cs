using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>
/// Fault drills: the demo region's daily run on the local host and Azurite, with a fault put in its way, and what it ends with compared
/// with a clean run of the same day. Each try has a fresh emulator. The bench command <c>drills</c> runs them at full size
/// (docs/operations.md, "Fault drills"); the test suite runs each once, small.
/// </summary>
public static class FaultDrills
{
    public const string Kill = "kill";
    public const string Pause = "pause";
    public const string StorageLost = "storage-lost";
    public const string Duplicates = "duplicates";
    public const string Poison = "poison";

    /// <summary>The batch the poison drill makes fail on every delivery.</summary>
    public const int PoisonedBatch = 1;

    private const string Collect = "CollectBatch";
    private const string Score = "ScoreBatch";
    private const string Aggregate = "AggregateRun";

    /// <summary>Runs the clean run, then every drill of <paramref name="options"/>; <paramref name="progress"/> hears each result as it comes.</summary>
    public static async Task<DrillReport> RunAsync(DrillOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var clean = await CleanRunAsync(options, cancellationToken);
        await progress.WriteLineAsync($"clean run: {clean.RunId}, {clean.Pages} pages, {clean.Duration.TotalSeconds:F1} s from its start to its end");
        var results = new List<DrillResult>();
        foreach (var drill in options.Drills)
        {
            var tries = drill is Kill or StorageLost ? options.Tries : 1;
            for (var attempt = 1; attempt <= tries; attempt++)
            {
                var result = await TryAsync(drill, attempt, options, clean, cancellationToken);
                results.Add(result);
                await progress.WriteLineAsync($"{result.Drill} #{result.Try}: {(result.Passed ? "passed" : "FAILED")} in {result.Duration.TotalSeconds:F0} s — {result.Fault}; {result.Outcome}");
            }
        }

        return new DrillReport(options, clean, results);
    }

    /// <summary>A clean run: what every drill must end with (or, for the poison drill, what it must name as missing).</summary>
    public static async Task<CleanRun> CleanRunAsync(DrillOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var site = await DrillSite.OpenAsync(options, cancellationToken);
        site.StartHost();
        var runId = await site.WaitForRunStartAsync(options.RunTimeout, cancellationToken);
        var watch = Stopwatch.StartNew();
        var run = await site.WaitForRunEndAsync(runId, options.RunTimeout, cancellationToken);
        var duration = watch.Elapsed;
        if (run.GetProperty("status").GetString() != "completed")
        {
            throw new DrillFailedException($"The clean run did not complete: {run}");
        }

        var answers = await ServedAnswers.ReadAsync(site.Http, cancellationToken);
        return new CleanRun(run.GetProperty("runId").GetString()!, run.GetProperty("pages").GetInt32(), run.GetProperty("batches").GetProperty("total").GetInt32(), duration, answers);
    }

    /// <summary>One try of one drill on a fresh site. A failed expectation is a failed try, not an exception.</summary>
    public static async Task<DrillResult> TryAsync(string drill, int attempt, DrillOptions options, CleanRun clean, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clean);
        var watch = Stopwatch.StartNew();
        await using var site = await DrillSite.OpenAsync(options, cancellationToken);
        var fault = "not applied";
        try
        {
            var outcome = drill switch
            {
                Kill => await KillAsync(site, attempt, options, clean, f => fault = f, cancellationToken),
                Pause => await PauseAsync(site, options, clean, f => fault = f, cancellationToken),
                StorageLost => await StorageLostAsync(site, attempt, options, clean, f => fault = f, cancellationToken),
                Duplicates => await DuplicatesAsync(site, options, clean, f => fault = f, cancellationToken),
                Poison => await PoisonAsync(site, options, clean, f => fault = f, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(drill), drill, $"Drills are {string.Join(", ", DrillOptions.All)}."),
            };
            return new DrillResult(drill, attempt, true, fault, outcome, watch.Elapsed, site.Log);
        }
        catch (Exception error) when (error is DrillFailedException or TimeoutException or HttpRequestException or JsonException
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A request the host never answered (the client's timeout) fails the try, not the whole bench.
            return new DrillResult(drill, attempt, false, fault, error.Message, watch.Elapsed, site.Log);
        }
    }

    /// <summary>
    /// The host killed (SIGKILL) at a random moment of the run (<see cref="RandomMoment"/>), then started again: the run completes as
    /// the clean one did.
    /// </summary>
    private static async Task<string> KillAsync(DrillSite site, int attempt, DrillOptions options, CleanRun clean, Action<string> fault, CancellationToken cancellationToken)
    {
        var moment = await StartAndWaitForRandomMomentAsync(site, Kill, attempt, options, clean, cancellationToken);
        await site.KillHostAsync();
        fault($"killed {moment}");
        site.StartHost();
        return await ExpectCleanEndAsync(site, options, clean, cancellationToken);
    }

    /// <summary>Storage frozen for <see cref="DrillOptions.Pause"/> while batches are being scored: the run completes as the clean one did.</summary>
    private static async Task<string> PauseAsync(DrillSite site, DrillOptions options, CleanRun clean, Action<string> fault, CancellationToken cancellationToken)
    {
        site.StartHost();
        var (run, collected, done) = await WaitUntilUnderWayAsync(site, options, clean, cancellationToken);
        site.PauseStorage();
        await Task.Delay(options.Pause, cancellationToken);
        site.ResumeStorage();
        fault($"storage paused {options.Pause.TotalSeconds:F0} s, {Describe(run, collected, done)}");
        return await ExpectCleanEndAsync(site, options, clean, cancellationToken);
    }

    /// <summary>
    /// Storage killed at a random moment of the run and started again empty: the API never serves any part of the lost run (503 while
    /// storage is away, 404 once it is back empty, or the run started again from the beginning), the host says storage came back empty,
    /// stays up, and the day run again (by an operator's <c>POST /api/runs</c>, or by the host itself) completes as the clean one did.
    /// </summary>
    private static async Task<string> StorageLostAsync(DrillSite site, int attempt, DrillOptions options, CleanRun clean, Action<string> fault, CancellationToken cancellationToken)
    {
        var moment = await StartAndWaitForRandomMomentAsync(site, StorageLost, attempt, options, clean, cancellationToken);
        await site.RestartStorageEmptyAsync(cancellationToken);
        fault($"storage killed and started again empty {moment}");

        // Until the host has set storage up again and for a while after: read answers are problems, never data of the lost run. The
        // run itself is gone, unless the host starts it again (a start-up run cut short while planning runs again by itself).
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        var emptyAnswers = 0;
        var restarted = false;
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && emptyAnswers < 8 && !restarted)
        {
            foreach (var route in new[] { "runs/latest", "rankings?period=week", "regions?period=week" })
            {
                using var response = await site.Http.GetAsync(route, cancellationToken);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (response.StatusCode == HttpStatusCode.OK && route == "runs/latest")
                {
                    using var latest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    restarted = latest.RootElement.GetProperty("status").GetString() is not ("completed" or "partial" or "failed");
                    if (!restarted)
                    {
                        throw new DrillFailedException($"runs/latest names a finished run on storage that lost it: {latest.RootElement}");
                    }

                    break;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    throw new DrillFailedException($"{route} answered 200 from storage that lost the run: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    throw new DrillFailedException($"{route} answered {status} without a problem body.");
                }

                emptyAnswers += response.StatusCode == HttpStatusCode.NotFound ? 1 : 0;
            }

            await Task.Delay(250, cancellationToken);
        }

        if (emptyAnswers == 0 && !restarted)
        {
            throw new DrillFailedException($"The API never answered 404 on the empty storage within 60 s ({Statuses(statuses)}).");
        }

        // Reads may answer 404 while the host still waits (up to 10 s) for the functions it cancelled, before it sets storage up again
        // and says so; the line also reaches the drill through a pipe.
        for (var wait = 0; wait < 60 && !site.Log.Contains("came back empty", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(250, cancellationToken);
        }

        if (!site.Log.Contains("came back empty", StringComparison.Ordinal))
        {
            throw new DrillFailedException("The host did not say that storage came back empty.");
        }

        if (site.HostExited)
        {
            throw new DrillFailedException("The host stopped.");
        }

        if (restarted)
        {
            return $"while storage was lost the API answered {Statuses(statuses)} (no ranking or region data; the 200 is runs/latest naming the run started again), the host said so and started its run again: " +
                await ExpectCleanEndAsync(site, options, clean, cancellationToken);
        }

        using (var start = await site.Http.PostAsync($"runs?metricDay={clean.RunId}", null, cancellationToken))
        {
            if (start.StatusCode != HttpStatusCode.Accepted)
            {
                throw new DrillFailedException($"POST /api/runs answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        return $"while storage was lost the API answered {Statuses(statuses)} (no data), the host said so; the day run again: " +
            await ExpectCleanEndAsync(site, options, clean, cancellationToken);
    }

    /// <summary>
    /// Every message of every step delivered twice: each step's function is held back (<c>AzureWebJobs.&lt;name&gt;.Disabled</c>) until the
    /// step before it has put all its messages in the queue, which then gets a second copy of each. The run completes as the clean one did.
    /// </summary>
    private static async Task<string> DuplicatesAsync(DrillSite site, DrillOptions options, CleanRun clean, Action<string> fault, CancellationToken cancellationToken)
    {
        var copies = new List<string>();
        (string Queue, string[] Disabled)[] steps =
        [
            (StorageNames.CollectQueue, [Collect, Score, Aggregate]),
            (StorageNames.ScoreQueue, [Score, Aggregate]),
            (StorageNames.AggregateQueue, [Aggregate]),
        ];
        foreach (var (queue, disabled) in steps)
        {
            site.StartHost(disabled);
            await WaitForQueueAsync(site, queue, options, clean, cancellationToken);
            await site.KillHostAsync();
            copies.Add($"{await site.DuplicateMessagesAsync(queue, cancellationToken)} {queue}");
        }

        fault($"every message delivered twice ({string.Join(", ", copies)} messages copied)");
        site.StartHost();
        return await ExpectCleanEndAsync(site, options, clean, cancellationToken);
    }

    /// <summary>One batch whose raw snapshot cannot be read: it fails on every delivery, its run ends partial with the batch named, and is served.</summary>
    private static async Task<string> PoisonAsync(DrillSite site, DrillOptions options, CleanRun clean, Action<string> fault, CancellationToken cancellationToken)
    {
        await RawSnapshotFaults.CorruptAsync(site.Storage, DateOnly.ParseExact(clean.RunId, "yyyy-MM-dd", CultureInfo.InvariantCulture), [PoisonedBatch], cancellationToken);
        fault($"the raw snapshot of batch {PoisonedBatch} unreadable");
        site.StartHost();
        var run = await site.WaitForRunEndAsync(clean.RunId, options.RunTimeout, cancellationToken);
        var status = run.GetProperty("status").GetString();
        var failed = run.GetProperty("failedBatches").EnumerateArray().ToList();
        if (status != "partial" || failed.Count != 1 || failed[0].GetProperty("batch").GetInt32() != PoisonedBatch)
        {
            throw new DrillFailedException($"Expected a partial run naming batch {PoisonedBatch} failed; it ended {status} with failed batches {run.GetProperty("failedBatches")}.");
        }

        var reason = failed[0].GetProperty("reason").GetString() ?? "";
        var collected = run.GetProperty("pagesCollected").GetInt32();
        var outcome = run.GetProperty("outcome");
        using var response = await site.Http.GetAsync("rankings?period=week&top=1", cancellationToken);
        using var rankings = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var answer = rankings.RootElement;
        if (outcome.GetProperty("served").GetBoolean())
        {
            // Above the coverage threshold: served, with the gap named in the answer.
            if (response.StatusCode != HttpStatusCode.OK || answer.GetProperty("runId").GetString() != clean.RunId
                || answer.GetProperty("runOutcome").GetProperty("status").GetString() != "partial" || answer.GetProperty("total").GetInt32() != collected)
            {
                throw new DrillFailedException($"The partial run is not served with its gap named: {answer}");
            }

            return $"partial, served with {collected} of {clean.Pages} pages and the gap named; batch {PoisonedBatch} named: \"{ServedAnswers.Shorten(reason, 110)}\"";
        }

        // Below it, on a first run: nothing is served, and the answer says which run ended how.
        if (response.StatusCode != HttpStatusCode.NotFound || !answer.GetProperty("detail").GetString()!.Contains(clean.RunId, StringComparison.Ordinal))
        {
            throw new DrillFailedException($"A partial run below the coverage threshold is served or not named: {(int)response.StatusCode} {answer}");
        }

        return $"partial, {collected} of {clean.Pages} pages: below the coverage threshold, not served (404 naming the run); batch {PoisonedBatch} named: \"{ServedAnswers.Shorten(reason, 110)}\"";
    }

    /// <summary>Waits for the run to end, then requires it completed, attempt 1, aggregated once and serving what the clean run served.</summary>
    private static async Task<string> ExpectCleanEndAsync(DrillSite site, DrillOptions options, CleanRun clean, CancellationToken cancellationToken)
    {
        var run = await site.WaitForRunEndAsync(clean.RunId, options.RunTimeout, cancellationToken);
        var status = run.GetProperty("status").GetString();
        if (status != "completed")
        {
            throw new DrillFailedException($"The run ended {status}: {run.GetProperty("outcome")}");
        }

        var row = await site.ReadRunAsync(clean.RunId, cancellationToken);
        await WaitUntilServedAsync(site, clean.RunId, cancellationToken);
        var difference = (await ServedAnswers.ReadAsync(site.Http, cancellationToken)).DifferenceFrom(clean.Answers);
        if (difference is not null)
        {
            throw new DrillFailedException($"Served results differ from the clean run's: {difference}");
        }

        return $"completed (attempt {row?.Attempt}, aggregated {row?.AggregationCount}×), served results equal";
    }

    /// <summary>
    /// Waits until the read routes serve <paramref name="runId"/>: a host that answered "no run served" keeps that answer for up to
    /// <c>Serve:LatestRunCacheSeconds</c> (5 s) after a run completes.
    /// </summary>
    private static async Task WaitUntilServedAsync(DrillSite site, string runId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await site.Http.GetAsync("rankings?period=week&top=1", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (answer.RootElement.GetProperty("runId").GetString() == runId)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new DrillFailedException($"The completed run {runId} was not served within 15 s (rankings answer {(int)response.StatusCode}).");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Starts the host and waits until the moment try <paramref name="attempt"/> of <paramref name="drill"/> strikes; says when, and where the run was.</summary>
    private static async Task<string> StartAndWaitForRandomMomentAsync(DrillSite site, string drill, int attempt, DrillOptions options, CleanRun clean, CancellationToken cancellationToken)
    {
        var moment = RandomMoment(drill, attempt, options, clean);
        site.StartHost();
        await site.WaitForRunStartAsync(options.RunTimeout, cancellationToken);
        await Task.Delay(moment, cancellationToken);
        var (run, collected, done) = await site.ReadProgressAsync(clean.RunId, cancellationToken);
        return $"{moment.TotalSeconds:F1} s into the run, {Describe(run, collected, done)}";
    }

    /// <summary>
    /// When try <paramref name="attempt"/> of a drill strikes, from the run's start: stratified over the clean run's span — try i of n at
    /// a random moment of its i-th n-th — so that the tries cover every stage. The same seed gives the same moments.
    /// </summary>
    private static TimeSpan RandomMoment(string drill, int attempt, DrillOptions options, CleanRun clean)
    {
        var random = new Random(unchecked((options.Seed * 1_000_003) + (drill.Length * 1_000) + attempt));
        var tries = Math.Max(options.Tries, attempt);
        return clean.Duration * ((attempt - 1 + random.NextDouble()) / tries);
    }

    /// <summary>Waits until the run's batches are planned and being collected and scored, none aggregated yet.</summary>
    private static async Task<(RunEntity? Run, int Collected, int Done)> WaitUntilUnderWayAsync(DrillSite site, DrillOptions options, CleanRun clean, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.RunTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var (run, collected, done) = await site.ReadProgressAsync(clean.RunId, cancellationToken);
            if (run is { Phase: RunPhase.Collecting } && done < clean.Batches)
            {
                return (run, collected, done);
            }

            if (run is not null && run.Phase is not (RunPhase.Starting or RunPhase.Collecting))
            {
                throw new DrillFailedException($"The run was {run.Phase.ToCode()} before the fault could be put in its way.");
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new DrillFailedException("The run did not get under way.");
    }

    /// <summary>Waits until every message the running steps will put in <paramref name="queue"/> is there and the queues before it are empty.</summary>
    private static async Task WaitForQueueAsync(DrillSite site, string queue, DrillOptions options, CleanRun clean, CancellationToken cancellationToken)
    {
        var before = queue switch
        {
            StorageNames.ScoreQueue => new[] { StorageNames.CollectQueue },
            StorageNames.AggregateQueue => [StorageNames.CollectQueue, StorageNames.ScoreQueue],
            _ => [],
        };
        var expected = queue == StorageNames.AggregateQueue ? 1 : clean.Batches;
        var deadline = DateTime.UtcNow + options.RunTimeout;
        var steady = 0;
        while (DateTime.UtcNow < deadline)
        {
            var waiting = await site.CountAsync(queue, cancellationToken);
            var upstream = 0;
            foreach (var name in before)
            {
                upstream += await site.CountAsync(name, cancellationToken);
            }

            // Twice in a row: a step that has just deleted its message may not yet have sent on what it was sending.
            steady = waiting >= expected && upstream == 0 ? steady + 1 : 0;
            if (steady >= 4)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new DrillFailedException($"{queue} did not fill (expected at least {expected} messages).");
    }

    private static string Describe(RunEntity? run, int collected, int done) =>
        run is null || run.BatchCount == 0 ? "before its batches were planned"
        : run.Phase.IsFinished() ? $"run already {run.Phase.ToCode()}"
        : $"run {run.Phase.ToCode()}, {collected} of {run.BatchCount} batches collected, {done} scored";

    private static string Statuses(SortedDictionary<int, int> statuses) =>
        string.Join(", ", statuses.Select(s => $"{s.Key} ×{s.Value}"));

}

/// <summary>The clean run of the demo day every drill is compared with.</summary>
public sealed record CleanRun(string RunId, int Pages, int Batches, TimeSpan Duration, ServedAnswers Answers);

/// <summary>One try of one drill: the fault put in the run's way, what the run ended with, and the log of its hosts.</summary>
public sealed record DrillResult(string Drill, int Try, bool Passed, string Fault, string Outcome, TimeSpan Duration, string Log);
