using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// Which run serves a metric day, row <c>served/{yyyy-MM-dd}</c> of table <c>runs</c>: written when a run is served (its documents
/// are complete), so that history reads "the run served for day D" with one range query instead of listing runs. A day has at most
/// one row; a served rerun of the day replaces it.
/// </summary>
public sealed class ServedDayEntity : ITableEntity
{
    public const string Partition = "served";

    public string PartitionKey { get; set; } = Partition;

    /// <summary>The metric day, <c>yyyy-MM-dd</c>: row keys sort by day.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RunId { get; set; } = "";

    public int Attempt { get; set; }

    public string Source { get; set; } = "";

    public bool IsDemo { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public static string RowKeyOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static ServedDayEntity From(RunStamp run) => new()
    {
        RowKey = RowKeyOf(run.MetricDay),
        RunId = run.RunId,
        Attempt = run.Attempt,
        Source = run.Source,
        IsDemo = run.IsDemo,
        GeneratedAt = run.GeneratedAt,
    };

    public RunStamp ToStamp() =>
        new(RunId, Attempt, DateOnly.ParseExact(RowKey, "yyyy-MM-dd", CultureInfo.InvariantCulture), Source, IsDemo, GeneratedAt);
}

/// <summary>The served-day index (<see cref="ServedDayEntity"/>): written by the run finisher, read by history and rank changes.</summary>
public sealed class ServedDayStore(StorageClients clients)
{
    private TableClient Runs => clients.Table(StorageNames.RunsTable);

    /// <summary>Records <paramref name="run"/> as the run serving its metric day. An upsert: repeating it changes nothing.</summary>
    public async Task RecordAsync(RunStamp run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Runs.UpsertEntityAsync(ServedDayEntity.From(run), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The run served for <paramref name="day"/>, or null when no run of that day was served.</summary>
    public async Task<RunStamp?> GetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var row = await Runs.GetEntityIfExistsAsync<ServedDayEntity>(ServedDayEntity.Partition, ServedDayEntity.RowKeyOf(day), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToStamp() : null;
    }

    /// <summary>The runs served for the days <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first: one range query.</summary>
    public async Task<IReadOnlyList<RunStamp>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ServedDayEntity.Partition} and RowKey ge {ServedDayEntity.RowKeyOf(from)} and RowKey le {ServedDayEntity.RowKeyOf(to)}");
        var runs = new List<RunStamp>();
        await foreach (var row in Runs.QueryAsync<ServedDayEntity>(filter, cancellationToken: cancellationToken))
        {
            runs.Add(row.ToStamp());
        }

        return runs;
    }
}
