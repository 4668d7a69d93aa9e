using GosAnalytics.ContentQuality.Models;

namespace GosAnalytics.ContentQuality.Trainer.Tests;

public sealed class CsvTrainingTests
{
    private static readonly string[] Quick = ["--trees", "20", "--leaves", "8", "--min-leaf", "10"];

    [Fact]
    public async Task Bad_cells_are_each_reported_by_file_row_and_column_with_exit_code_2_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("posts.csv");
        var lines = SyntheticPosts.OutcomesCsv(pages: 10, postsPerPage: 5).Split('\n');
        lines[2] = lines[2][..lines[2].LastIndexOf(",false,false,", StringComparison.Ordinal)] + ",false,false,abc,1,0,0";
        lines[4] = lines[4].Replace("2026-11-", "2026-13-", StringComparison.Ordinal);
        lines[6] = lines[6].Replace(",false,false,", ",maybe,false,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(csv, lines);
        var output = temp.File("model");

        var result = await Cli.RunAsync("train", "--csv", csv, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{csv}:3: column 'views': 'abc' is not a whole number", result.Error);
        Assert.Contains($"{csv}:5: column 'publishedAt': '2026-13-", result.Error);
        Assert.Contains($"{csv}:7: column 'isRepost': 'maybe' is not a boolean", result.Error);
        Assert.Contains("3 problems", result.Error);
        Assert.False(Directory.Exists(output), "no output directory may be created for bad data");
    }

    [Fact]
    public async Task A_missing_column_is_named_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("posts.csv");
        await File.WriteAllTextAsync(csv, SyntheticPosts.OutcomesCsv(pages: 2, postsPerPage: 5).Replace(",reposts,", ",shares,", StringComparison.Ordinal));

        var result = await Cli.RunAsync("train", "--csv", csv, "--out", temp.File("model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{csv}:1: column 'shares': unknown column", result.Error);
        Assert.Contains($"{csv}:1: column 'reposts': missing from the header", result.Error);
        Assert.False(Directory.Exists(temp.File("model")));
    }

    [Fact]
    public async Task A_file_that_does_not_exist_is_named_with_exit_code_2()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync("train", "--csv", temp.File("nowhere.csv"), "--out", temp.File("model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"cannot read {temp.File("nowhere.csv")}: no such file", result.Error);
    }

    [Fact]
    public async Task A_semicolon_file_with_a_byte_order_mark_and_quoted_text_reads_like_a_comma_file()
    {
        using var temp = new TempDirectory();
        var comma = SyntheticPosts.OutcomesCsv(pages: 20, postsPerPage: 10);
        await File.WriteAllTextAsync(temp.File("comma.csv"), comma);
        await File.WriteAllTextAsync(temp.File("semicolon.csv"), "\uFEFF" + comma.Replace(',', ';').Replace("Друзья; ", "Друзья, ", StringComparison.Ordinal));

        var fromComma = await Cli.SucceedAsync(["train", "--csv", temp.File("comma.csv"), "--out", temp.File("a"), .. Quick]);
        var fromSemicolon = await Cli.SucceedAsync(["train", "--csv", temp.File("semicolon.csv"), "--out", temp.File("b"), .. Quick]);

        Assert.Equal(ReadManifest(temp.File("a")).DataHash, ReadManifest(temp.File("b")).DataHash);
    }

    [Fact]
    public async Task Training_on_collected_outcomes_writes_a_model_that_loads_and_training_twice_gives_the_same_files()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("posts.csv");
        await File.WriteAllTextAsync(csv, SyntheticPosts.OutcomesCsv());
        string[] train = ["train", "--csv", csv, "--trained-at", "2026-11-29T00:00:00Z", .. Quick];

        var first = await Cli.SucceedAsync([.. train, "--out", temp.File("first")]);
        await Cli.SucceedAsync([.. train, "--out", temp.File("second")]);

        var model = LoadModel(temp.File("first"));
        Assert.Equal(ModelManifest.EngagementLabelKind, model.Manifest.LabelKind);
        Assert.True(model.Manifest.Metrics.Rmse < model.Manifest.Metrics.BaselineRmse, first.ToString());
        Assert.Null(model.Manifest.HiddenEffectSpearman);
        Assert.Contains(model.Version, first.Output);
        Assert.Equal(model.Version, ReadManifest(temp.File("second")).Version);
        Assert.Equal(await File.ReadAllBytesAsync(temp.File("first/model.zip")), await File.ReadAllBytesAsync(temp.File("second/model.zip")));
        Assert.Equal(await File.ReadAllBytesAsync(temp.File("first/manifest.json")), await File.ReadAllBytesAsync(temp.File("second/manifest.json")));
        Assert.Empty(Directory.GetFiles(temp.File("first"), "*.tmp-*"));
    }

    [Fact]
    public async Task Expert_marks_train_a_model_of_label_kind_expert()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("marks.csv");
        await File.WriteAllTextAsync(csv, SyntheticPosts.ExpertCsv());

        await Cli.SucceedAsync(["train", "--expert-csv", csv, "--out", temp.File("model"), .. Quick]);

        var manifest = LoadModel(temp.File("model")).Manifest;
        Assert.Equal(ModelManifest.ExpertLabelKind, manifest.LabelKind);
        Assert.Equal(600, manifest.Data.Posts);
        Assert.True(manifest.Metrics.Spearman > 0.5, $"Spearman {manifest.Metrics.Spearman}");
    }

    [Fact]
    public async Task An_expert_mark_that_is_not_a_number_is_reported_and_a_decimal_comma_is_accepted()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("marks.csv");
        var lines = SyntheticPosts.ExpertCsv(pages: 3, postsPerPage: 5).Replace(',', ';').Split('\n');
        lines[1] = lines[1][..(lines[1].LastIndexOf(';') + 1)] + "4,5";
        lines[2] = lines[2][..(lines[2].LastIndexOf(';') + 1)] + "хорошо";
        await File.WriteAllLinesAsync(csv, lines);

        var result = await Cli.RunAsync("train", "--expert-csv", csv, "--out", temp.File("model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{csv}:3: column 'label': 'хорошо' is not a number.", result.Error);
        Assert.DoesNotContain($"{csv}:2:", result.Error);
    }

    [Fact]
    public async Task Usage_mistakes_exit_with_code_2_and_help_exits_with_0()
    {
        Assert.Equal(2, (await Cli.RunAsync("fit")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync("train", "--demo", "--csv", "x.csv", "--out", "x")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync("train", "--demo", "--trees", "many", "--out", "x")).ExitCode);
        Assert.Equal(2, (await Cli.RunAsync("train", "--demo")).ExitCode);
        var help = await Cli.RunAsync("train", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--expert-csv", help.Output);
    }

    internal static ContentQualityModel LoadModel(string directory)
    {
        using var zip = File.OpenRead(Path.Combine(directory, "model.zip"));
        return ContentQualityModel.Load(zip, ReadManifest(directory));
    }

    internal static ModelManifest ReadManifest(string directory) =>
        ModelManifest.FromJson(File.ReadAllBytes(Path.Combine(directory, "manifest.json")));
}
