using System.Collections.Concurrent;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// Which run serves each metric day, from the served-day index (<see cref="ServedDayStore"/>) and the served pointer: the pointer's run
/// answers for its own day (also when it was served before the index existed). Single days are looked up once per served pointer
/// revision: a served rerun of an earlier day shows from the next change of the pointer on.
/// </summary>
public sealed class ServedDays(ServedDayStore store)
{
    // Swapped whole (one reference), so a reader never sees one revision's name with another's lookups.
    private volatile Lookups lookups = new("", new());

    /// <summary>The run served for <paramref name="day"/>, or null when none was (or it is after the served run's day).</summary>
    public async Task<RunStamp?> RunOfAsync(ServedPointer served, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Run is not { } latest || day > latest.MetricDay)
        {
            return null;
        }

        if (day == latest.MetricDay)
        {
            return latest;
        }

        var current = lookups;
        if (current.Revision != served.Revision)
        {
            current = new Lookups(served.Revision, new ConcurrentDictionary<DateOnly, Task<RunStamp?>>());
            lookups = current;
        }

        var lookup = current.Days.GetOrAdd(day, d => store.GetAsync(d, CancellationToken.None));
        try
        {
            return await lookup.WaitAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            current.Days.TryRemove(KeyValuePair.Create(day, lookup));
            throw;
        }
    }

    /// <summary>The run served on <paramref name="period"/>'s previous period: the served day minus the period's days.</summary>
    public Task<RunStamp?> PreviousOfAsync(ServedPointer served, Period period, CancellationToken cancellationToken) =>
        served?.Run is { } latest ? RunOfAsync(served, latest.MetricDay.AddDays(-period.Days()), cancellationToken) : Task.FromResult<RunStamp?>(null);

    /// <summary>The runs served on the <paramref name="days"/> days ending with the served run's day, oldest first (one range query).</summary>
    public async Task<IReadOnlyList<RunStamp>> RunsAsync(ServedPointer served, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Run is not { } latest)
        {
            return [];
        }

        var indexed = await store.ListAsync(latest.MetricDay.AddDays(1 - days), latest.MetricDay.AddDays(-1), cancellationToken);
        return [.. indexed, latest];
    }

    private sealed record Lookups(string Revision, ConcurrentDictionary<DateOnly, Task<RunStamp?>> Days);
}
