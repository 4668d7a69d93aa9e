using System.Text.Json.Nodes;
using GosAnalytics.ContentQuality.Registry;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.ContentQuality.Trainer.Tests;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "private Azurite";
}

/// <summary>Two models trained once for the registry tests: a good one and a one-tree one that is barely better than the baseline.</summary>
public sealed class CandidateModels : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory temp = new();

    public string DataCsv => temp.File("posts.csv");

    public string Good => temp.File("good");

    public string Weak => temp.File("weak");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(DataCsv, SyntheticPosts.OutcomesCsv());
        await Cli.SucceedAsync("train", "--csv", DataCsv, "--out", Good, "--trees", "40", "--leaves", "8", "--min-leaf", "10");
        await Cli.SucceedAsync("train", "--csv", DataCsv, "--out", Weak, "--trees", "1", "--leaves", "8", "--min-leaf", "10");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => temp.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class RegistryCommandTests(AzuriteFixture azurite, CandidateModels models) : IClassFixture<CandidateModels>, IAsyncLifetime
{
    private ModelRegistry Registry => new(azurite.Storage, new JsonBlobStore(azurite.Storage), TimeProvider.System, NullLogger<ModelRegistry>.Instance);

    /// <summary>Every test starts from an empty registry; the tests of a collection run one after another.</summary>
    public Task InitializeAsync() => azurite.EmptyContainerAsync(StorageNames.ModelsContainer);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_promoted_candidate_becomes_current_and_loads_back_and_promoting_it_again_changes_nothing()
    {
        var promoted = await Cli.SucceedAsync("promote", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString);
        var version = CsvTrainingTests.ReadManifest(models.Good).Version;

        Assert.Contains($"Promoted {version}; previous: none", promoted.Output);
        Assert.Equal(version, (await Registry.GetCurrentAsync(CancellationToken.None))?.Version);
        var loaded = await Registry.LoadAsync(version, CancellationToken.None);
        Assert.Equal(CsvTrainingTests.LoadModel(models.Good).Score(Posts()), loaded.Score(Posts()));

        var again = await Cli.SucceedAsync("promote", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString);
        Assert.Contains($"{version} is already the current model", again.Output);
        Assert.Single(await Registry.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_candidate_of_another_feature_schema_is_refused_with_exit_code_2_and_the_current_pointer_stays()
    {
        await Cli.SucceedAsync("promote", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString);
        var before = await Registry.GetCurrentAsync(CancellationToken.None);
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(models.Good, "model.zip"), temp.File("model.zip"));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(models.Good, "manifest.json")))!;
        manifest["featureSchema"] = "content-features/v1/34+0w+0c/0000000000000000";
        await File.WriteAllTextAsync(temp.File("manifest.json"), manifest.ToJsonString());

        var result = await Cli.RunAsync("promote", "--candidate", temp.Path, "--registry-storage", azurite.ConnectionString, "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("content-features/v1/34+0w+0c/0000000000000000", result.Error);
        Assert.Equal(before, await Registry.GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Compare_exits_1_for_a_worse_candidate_and_0_for_a_better_one()
    {
        await Cli.SucceedAsync("promote", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString);

        var worse = await Cli.RunAsync("compare", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString, "--csv", models.DataCsv);
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains("is worse than", worse.Output);

        await Cli.SucceedAsync("promote", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString, "--force");
        var better = await Cli.RunAsync("compare", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString, "--csv", models.DataCsv);
        Assert.Equal(0, better.ExitCode);
        Assert.Contains("is at least as good as", better.Output);
    }

    [Fact]
    public async Task Compare_with_an_empty_registry_says_so_and_exits_0()
    {
        var result = await Cli.RunAsync("compare", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString, "--csv", models.DataCsv);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The registry has no current model", result.Output);
    }

    [Fact]
    public async Task Promote_refuses_a_candidate_worse_on_the_same_data_unless_forced()
    {
        await Cli.SucceedAsync("promote", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString);

        var refused = await Cli.RunAsync("promote", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(CsvTrainingTests.ReadManifest(models.Good).Version, (await Registry.GetCurrentAsync(CancellationToken.None))?.Version);

        var forced = await Cli.SucceedAsync("promote", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString, "--force");
        Assert.Contains($"previous: {CsvTrainingTests.ReadManifest(models.Good).Version}", forced.Output);
    }

    [Fact]
    public async Task List_shows_every_version_and_marks_the_current_one_and_evaluate_reads_registry_models()
    {
        Assert.Contains("No models are registered yet", (await Cli.SucceedAsync("list", "--registry-storage", azurite.ConnectionString)).Output);
        await Cli.SucceedAsync("promote", "--candidate", models.Weak, "--registry-storage", azurite.ConnectionString);
        await Cli.SucceedAsync("promote", "--candidate", models.Good, "--registry-storage", azurite.ConnectionString);

        var list = await Cli.SucceedAsync("list", "--registry-storage", azurite.ConnectionString);
        var good = CsvTrainingTests.ReadManifest(models.Good).Version;
        var weak = CsvTrainingTests.ReadManifest(models.Weak).Version;
        Assert.Contains($"* {good}", list.Output);
        Assert.Contains($"  {weak}", list.Output);

        var evaluated = await Cli.SucceedAsync("evaluate", "--model", "registry:current", "--registry-storage", azurite.ConnectionString, "--csv", models.DataCsv);
        Assert.Contains($"Evaluated {good}", evaluated.Output);
        var missing = await Cli.RunAsync("evaluate", "--model", "registry:cq-000000000000", "--registry-storage", azurite.ConnectionString, "--csv", models.DataCsv);
        Assert.Equal(2, missing.ExitCode);
    }

    private static List<PostContent> Posts() =>
    [
        PostContent.FromText("Друзья, приходите в субботу на открытие сквера!", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
        new("", 3, 0, 0, 0, 0, 0, IsRepost: false, IsBroadcast: false, new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero)),
    ];
}
