using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>
/// The data options that train, evaluate and compare share: exactly one of --demo, --storage, --csv and --expert-csv, each
/// with its own options only. One instance per command (System.CommandLine options belong to their command).
/// </summary>
internal sealed class DataSource
{
    private static readonly DemoSourceOptions DemoDefaults = new();

    private readonly Option<bool> demo = CliOptions.Flag("--demo", "data: the demo generator, read as daily runs would collect it (defaults fixed, so the same data on any day)");
    private readonly Option<int> region = CliOptions.Int("--region", "with --demo: the region (federal subject code)", DemoDefaults.RegionCode, 1, 99);
    private readonly Option<int> demoSeed = CliOptions.Int("--demo-seed", "with --demo: the generator's seed", DemoDefaults.Seed, int.MinValue, int.MaxValue);
    private readonly Option<int> pageCount = CliOptions.Int("--page-count", "with --demo: pages in the region", DemoDefaults.PageCount, 1, 200_000);
    private readonly Option<DateOnly[]?> metricDays = CliOptions.Days(
        "--metric-days", $"with --demo: the metric days whose 30-day windows are read [default: {string.Join(',', DemoData.DefaultMetricDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}]");
    private readonly Option<DateOnly?> to = CliOptions.Day("--to", "with --demo, instead of --metric-days: the last metric day, with --windows 30-day windows laid end to end before it");
    private readonly Option<int?> windows = CliOptions.OptionalInt("--windows", "with --demo --to: how many windows [default: 3]", 1, 36);
    private readonly StorageOption storage = new(
        "--storage", "data: raw snapshots of completed runs in this storage; without a value AzureWebJobsStorage (environment, local.settings.json)");
    private readonly Option<string?> runs = CliOptions.Value("--runs", "RUN,RUN,…", "with --storage: the runs to read, e.g. 2026-11-27,2026-11-28 [default: every completed run]");
    private readonly Option<string?> csv = CliOptions.Value(
        "--csv", "FILE", "data: collected outcomes, columns pageKey,postId,publishedAt,text,photos,videos,links,documents,polls,other," +
        "isRepost,isBroadcast,views,likes,reposts,comments (',' ';' or tab; UTF-8)");
    private readonly Option<string?> expertCsv = CliOptions.Value("--expert-csv", "FILE", "data: expert marks, the same post columns, then label (a number)");

    private Option[] Kinds => [demo, storage.Option, csv, expertCsv];

    private Option[] DemoOnly => [region, demoSeed, pageCount, metricDays, to, windows];

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { demo, region, demoSeed, pageCount, metricDays, to, windows, storage.Option, runs, csv, expertCsv })
        {
            command.Add(option);
        }

        command.Validators.Add(Validate);
    }

    /// <summary>Reads the labelled posts the options name; bad data throws <see cref="CliFailure"/> or <see cref="DataProblemsException"/>.</summary>
    public async Task<LabelledData> LoadAsync(ParseResult line, ProgressBar progress, CancellationToken cancellationToken)
    {
        LabelledData data;
        if (line.IsGiven(demo))
        {
            data = await Task.Run(() => DemoData.Load(DemoRequest(line), progress, cancellationToken), cancellationToken);
        }
        else if (line.IsGiven(storage.Option))
        {
            data = await StorageData.LoadAsync(storage.Open(line), RunIds(line), progress, cancellationToken);
        }
        else if (line.GetValue(csv) is { } file)
        {
            data = OutcomeCsv.ReadOutcomes(file, cancellationToken);
        }
        else
        {
            // The validator has made sure that exactly one source is given.
            data = OutcomeCsv.ReadExpertLabels(line.GetValue(expertCsv)!, cancellationToken);
        }

        progress.Finish();
        return data.Examples.Count > 0
            ? data
            : throw CliFailure.BadInput(
                $"{data.Source} gives no labelled post: engagement labels need posts with at least 50 views on pages with at least 5 such posts.");
    }

    private DemoDataRequest DemoRequest(ParseResult line) =>
        new(new DemoSourceOptions { RegionCode = line.GetValue(region), Seed = line.GetValue(demoSeed), PageCount = line.GetValue(pageCount) }, MetricDays(line));

    private IReadOnlyList<DateOnly> MetricDays(ParseResult line)
    {
        // Absent, an array option is empty, not null.
        if (line.IsGiven(metricDays) && line.GetValue(metricDays) is { } days)
        {
            return days;
        }

        if (line.GetValue(to) is not { } last)
        {
            return DemoData.DefaultMetricDays;
        }

        // Windows of the pipeline's 30 days laid end to end, so that no post is read twice.
        return [.. Enumerable.Range(0, line.GetValue(windows) ?? 3).Select(k => last.AddDays(-Periods.CollectionWindowDays * k)).Order()];
    }

    private IReadOnlyList<string>? RunIds(ParseResult line) =>
        line.GetValue(runs) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    /// <summary>
    /// One source, and its options only: options of one source given with another (<c>--csv f --region 28</c>) are a mistake,
    /// not something to ignore.
    /// </summary>
    private void Validate(CommandResult result)
    {
        var chosen = Kinds.Where(result.IsGiven).ToList();
        if (chosen.Count != 1)
        {
            result.AddError(chosen.Count == 0
                ? "name the data: --demo, --storage, --csv FILE or --expert-csv FILE."
                : $"one data source at a time; got {string.Join(" and ", chosen.Select(o => o.Name))}.");
            return;
        }

        var kind = chosen[0];
        var stray = (kind == demo ? [] : DemoOnly).Concat(kind == storage.Option ? [] : [runs]).Where(result.IsGiven).ToList();
        if (stray.Count > 0)
        {
            result.AddError($"{string.Join(", ", stray.Select(o => o.Name))} {(stray.Count == 1 ? "goes" : "go")} with {(stray.Contains(runs) ? "--storage" : "--demo")}, not {kind.Name}.");
        }
        else if (result.IsGiven(metricDays) && (result.IsGiven(to) || result.IsGiven(windows)))
        {
            result.AddError("--metric-days or --to with --windows, not both.");
        }
        else if (result.IsGiven(windows) && !result.IsGiven(to))
        {
            result.AddError("--windows goes with --to DAY.");
        }
    }
}
