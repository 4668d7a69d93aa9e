using GosAnalytics.Core.Domain;
using GosAnalytics.Demo;

namespace GosAnalytics.ContentQuality.Trainer.Data;

/// <summary>The data options that train, evaluate and compare share: exactly one of --demo, --storage, --csv and --expert-csv.</summary>
internal static class DataSource
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("demo", OptionKind.Flag),
        new("region", OptionKind.Value),
        new("demo-seed", OptionKind.Value),
        new("page-count", OptionKind.Value),
        new("metric-days", OptionKind.Value),
        new("to", OptionKind.Value),
        new("windows", OptionKind.Value),
        new("storage", OptionKind.OptionalValue),
        new("runs", OptionKind.Value),
        new("csv", OptionKind.Value),
        new("expert-csv", OptionKind.Value),
    ];

    public const string Usage =
        "  data, exactly one of:\n" +
        "    --demo [--region 28] [--demo-seed 20221201] [--page-count 1188]\n" +
        "           [--metric-days 2026-09-29,2026-10-29,2026-11-28 | --to DAY [--windows 3]]   the demo generator (defaults fixed)\n" +
        "    --storage [CONNECTION] [--runs 2026-11-27,2026-11-28]   raw snapshots of completed runs (all by default);\n" +
        "                                                            without a value: AzureWebJobsStorage (environment, local.settings.json)\n" +
        "    --csv FILE          collected outcomes: pageKey,postId,publishedAt,text,photos,videos,links,documents,polls,other,\n" +
        "                        isRepost,isBroadcast,views,likes,reposts,comments (',' ';' or tab; UTF-8)\n" +
        "    --expert-csv FILE   expert marks: the same post columns, then label (a number)\n";

    private static readonly string[] Kinds = ["demo", "storage", "csv", "expert-csv"];

    /// <summary>Reads the labelled posts the options name; bad options and bad data throw <see cref="CliFailure"/> or <see cref="DataProblemsException"/>.</summary>
    public static async Task<LabelledData> LoadAsync(CommandLine line, ProgressBar progress, CancellationToken cancellationToken)
    {
        var chosen = Kinds.Where(line.Has).ToList();
        if (chosen.Count != 1)
        {
            throw CliFailure.Usage(chosen.Count == 0
                ? "name the data: --demo, --storage, --csv FILE or --expert-csv FILE."
                : $"one data source at a time; got {string.Join(" and ", chosen.Select(k => "--" + k))}.");
        }

        CheckOnlyWith(line, chosen[0]);
        var data = chosen[0] switch
        {
            "demo" => await Task.Run(() => DemoData.Load(DemoRequest(line), progress, cancellationToken), cancellationToken),
            "storage" => await StorageData.LoadAsync(StorageAccess.Open(line, "storage"), RunIds(line), progress, cancellationToken),
            "csv" => OutcomeCsv.ReadOutcomes(line.Required("csv"), cancellationToken),
            _ => OutcomeCsv.ReadExpertLabels(line.Required("expert-csv"), cancellationToken),
        };
        progress.Finish();
        return data.Examples.Count > 0
            ? data
            : throw CliFailure.BadInput(
                $"{data.Source} gives no labelled post: engagement labels need posts with at least 50 views on pages with at least 5 such posts.");
    }

    public static DemoDataRequest DemoRequest(CommandLine line)
    {
        var defaults = new DemoSourceOptions();
        var region = new DemoSourceOptions
        {
            RegionCode = line.Int("region", defaults.RegionCode, 1, 99),
            Seed = line.Int("demo-seed", defaults.Seed, int.MinValue, int.MaxValue),
            PageCount = line.Int("page-count", defaults.PageCount, 1, 200_000),
        };
        return new DemoDataRequest(region, MetricDays(line));
    }

    private static IReadOnlyList<DateOnly> MetricDays(CommandLine line)
    {
        if (line.Value("metric-days") is { } list)
        {
            if (line.Has("to") || line.Has("windows"))
            {
                throw CliFailure.Usage("--metric-days or --to with --windows, not both.");
            }

            return [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(day => line.Day("metric-days", day))];
        }

        if (line.Value("to") is not { } to)
        {
            return line.Has("windows") ? throw CliFailure.Usage("--windows goes with --to DAY.") : DemoData.DefaultMetricDays;
        }

        // Windows of the pipeline's 30 days laid end to end, so that no post is read twice.
        var last = line.Day("to", to);
        var windows = line.Int("windows", 3, 1, 36);
        return [.. Enumerable.Range(0, windows).Select(k => last.AddDays(-Periods.CollectionWindowDays * k)).Order()];
    }

    private static IReadOnlyList<string>? RunIds(CommandLine line) =>
        line.Value("runs") is { } runs ? [.. runs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null;

    /// <summary>Options of one source given with another (<c>--csv f --region 28</c>) are a mistake, not something to ignore.</summary>
    private static void CheckOnlyWith(CommandLine line, string kind)
    {
        string[] demoOnly = ["region", "demo-seed", "page-count", "metric-days", "to", "windows"];
        var stray = (kind == "demo" ? [] : demoOnly).Concat(kind == "storage" ? [] : ["runs"]).Where(line.Has).ToList();
        if (stray.Count > 0)
        {
            throw CliFailure.Usage($"{string.Join(", ", stray.Select(o => "--" + o))} {(stray.Count == 1 ? "goes" : "go")} with {(stray.Contains("runs") ? "--storage" : "--demo")}, not --{kind}.");
        }
    }
}
