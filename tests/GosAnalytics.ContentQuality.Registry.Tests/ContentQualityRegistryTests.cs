using GosAnalytics.ContentQuality.Models;
using GosAnalytics.ContentQuality.Training;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.ContentQuality.Registry.Tests;

/// <summary>The model registry and the scoring side's model provider against a real Azure Storage protocol (Azurite).</summary>
public sealed class ContentQualityRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly Lazy<ContentQualityModel> FirstModel = new(() => TrainSmall(seed: 1));
    private static readonly Lazy<ContentQualityModel> SecondModel = new(() => TrainSmall(seed: 2));

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<ContentQualityModelProvider> providerLog = new();

    /// <summary>The tests of this class share one Azurite and run one at a time: each starts from an empty registry.</summary>
    public Task InitializeAsync() => azurite.EmptyContainerAsync(StorageNames.ModelsContainer);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_promoted_model_loads_back_from_the_registry_and_scores_exactly_as_trained()
    {
        var registry = Registry();
        var model = FirstModel.Value;
        var posts = SamplePosts();

        var promotion = await registry.PromoteAsync(model, CancellationToken.None);
        var pointer = await registry.GetCurrentAsync(CancellationToken.None);
        var loaded = await registry.LoadAsync(pointer!.Version, CancellationToken.None);

        Assert.False(promotion.AlreadyCurrent);
        Assert.Null(promotion.Previous);
        Assert.Equal(model.Version, pointer.Version);
        Assert.Equal(model.Manifest.DataHash, loaded.Manifest.DataHash);
        Assert.Equal(model.Manifest.Metrics, loaded.Manifest.Metrics);
        Assert.Equal(model.Score(posts), loaded.Score(posts));
    }

    [Fact]
    public async Task Promoting_the_same_model_twice_changes_nothing_and_a_second_model_records_the_first_as_previous()
    {
        var registry = Registry();

        await registry.PromoteAsync(FirstModel.Value, CancellationToken.None);
        var again = await registry.PromoteAsync(FirstModel.Value, CancellationToken.None);
        var second = await registry.PromoteAsync(SecondModel.Value, CancellationToken.None);

        Assert.True(again.AlreadyCurrent);
        Assert.Equal(FirstModel.Value.Version, second.Previous);
        Assert.Equal(SecondModel.Value.Version, (await registry.GetCurrentAsync(CancellationToken.None))!.Version);
        Assert.Equal(
            new[] { FirstModel.Value.Version, SecondModel.Value.Version }.Order(StringComparer.Ordinal),
            (await registry.ListAsync(CancellationToken.None)).Select(m => m.Version).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_promotions_leave_one_pointer_naming_one_of_the_models()
    {
        var first = Registry();
        var second = Registry();

        await Task.WhenAll(
            first.PromoteAsync(FirstModel.Value, CancellationToken.None),
            second.PromoteAsync(SecondModel.Value, CancellationToken.None));

        var pointer = await first.GetCurrentAsync(CancellationToken.None);
        Assert.Contains(pointer!.Version, new[] { FirstModel.Value.Version, SecondModel.Value.Version });
        Assert.Contains(pointer.Previous, new[] { FirstModel.Value.Version, SecondModel.Value.Version });
        Assert.NotEqual(pointer.Version, pointer.Previous);
    }

    [Fact]
    public async Task The_provider_swaps_to_a_newly_promoted_model_once_the_refresh_interval_has_passed()
    {
        var registry = Registry();
        await registry.PromoteAsync(FirstModel.Value, CancellationToken.None);
        using var provider = Provider(registry);

        var before = await provider.GetAsync(CancellationToken.None);
        await registry.PromoteAsync(SecondModel.Value, CancellationToken.None);
        var withinInterval = await provider.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(61));
        var after = await provider.GetAsync(CancellationToken.None);

        Assert.Equal((FirstModel.Value.Version, ContentQualityModelProvider.RegistrySource), (before.Model.Version, before.Source));
        Assert.Same(before, withinInterval);
        Assert.Equal(SecondModel.Value.Version, after.Model.Version);
        Assert.Equal(clock.GetUtcNow(), after.LoadedAt);
    }

    [Fact]
    public async Task A_promoted_model_whose_schema_does_not_match_is_refused_and_the_current_one_stays_in_use()
    {
        var registry = Registry();
        await registry.PromoteAsync(FirstModel.Value, CancellationToken.None);
        using var provider = Provider(registry);
        var before = await provider.GetAsync(CancellationToken.None);

        // Written straight into the registry, as an older trainer or a hand edit would leave it.
        var foreign = await RegisterWithForeignSchemaAsync(SecondModel.Value);
        await new JsonBlobStore(azurite.Storage).WriteAsync(
            StorageNames.ModelsContainer, StorageNames.CurrentModelPointerBlob, new CurrentModelPointer(foreign, clock.GetUtcNow(), before.Model.Version), null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var after = await provider.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var later = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(FirstModel.Value.Version, after.Model.Version);
        Assert.Equal(foreign, after.RefusedVersion);
        Assert.Contains("content-features/v0", after.RefusedReason);
        Assert.Equal(FirstModel.Value.Version, later.Model.Version);
        var error = Assert.Single(providerLog.Collector.GetSnapshot(), e => e.Level == LogLevel.Error); // refused once, not on every check
        Assert.Contains(foreign, error.Message);
        Assert.Equal(FirstModel.Value.Score(SamplePosts()), after.Model.Score(SamplePosts()));
    }

    [Fact]
    public async Task A_run_pinned_to_an_older_version_is_scored_with_that_version_after_a_promotion()
    {
        var registry = Registry();
        await registry.PromoteAsync(FirstModel.Value, CancellationToken.None);
        await registry.PromoteAsync(SecondModel.Value, CancellationToken.None);
        using var provider = Provider(registry);

        var pinned = await provider.GetVersionAsync(FirstModel.Value.Version, CancellationToken.None);

        Assert.Equal(FirstModel.Value.Version, pinned.Version);
        Assert.Equal(SecondModel.Value.Version, (await provider.GetAsync(CancellationToken.None)).Model.Version);
        await Assert.ThrowsAsync<InvalidDataException>(() => provider.GetVersionAsync("cq-000000000000", CancellationToken.None));
    }

    private ModelRegistry Registry() =>
        new(azurite.Storage, new JsonBlobStore(azurite.Storage), clock, NullLogger<ModelRegistry>.Instance);

    private ContentQualityModelProvider Provider(ModelRegistry registry) =>
        new(registry, Options.Create(new ContentQualityOptions { ModelRefreshSeconds = 60 }), clock, providerLog);

    /// <summary>Registers the model's file under a manifest that names another featurisation (and so another version).</summary>
    private async Task<string> RegisterWithForeignSchemaAsync(ContentQualityModel model)
    {
        var manifest = model.Manifest with { Version = "cq-f0f0f0f0f0f0", FeatureSchema = "content-features/v0/34+0w+0c/0000000000000000" };
        using var zip = new MemoryStream();
        model.Save(zip);
        var container = azurite.Storage.Container(StorageNames.ModelsContainer);
        await container.GetBlobClient(StorageNames.ModelBlob(manifest.Version)).UploadAsync(new BinaryData(zip.ToArray()), overwrite: true);
        await container.GetBlobClient(StorageNames.ModelManifestBlob(manifest.Version)).UploadAsync(new BinaryData(manifest.ToJson()), overwrite: true);
        return manifest.Version;
    }

    private static List<PostContent> SamplePosts() =>
    [
        new("Приглашаем на субботник в сквер! Придёте?", 3, 0, 0, 0, 0, 0, false, false, new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero)),
        new("В соответствии с приказом обеспечить проведение мероприятий.", 0, 0, 0, 1, 0, 0, false, false, new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero)),
        new("", 0, 0, 0, 0, 0, 0, true, false, new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)),
    ];

    /// <summary>A small model trained in a second: posts with photos and a question do better, officialese worse.</summary>
    private static ContentQualityModel TrainSmall(int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabeledPost>();
        var start = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        for (var page = 0; page < 24; page++)
        {
            for (var post = 0; post < 12; post++)
            {
                var photos = random.Next(0, 3);
                var official = random.NextDouble() < 0.3;
                var text = official ? "В целях реализации мероприятий обеспечить проведение." : "Друзья, открыли сквер! Придёте на праздник?";
                var label = (0.3f * photos) - (official ? 0.5f : 0f) + (float)(random.NextDouble() * 0.2);
                examples.Add(new LabeledPost($"vk_{page}", $"{post:D3}", new PostContent(text, photos, 0, 0, 0, 0, 0, false, false, start.AddHours((page * 7) + post)), label));
            }
        }

        return ContentQualityTrainer.Train(new TrainingRequest(
            examples, ModelManifest.EngagementLabelKind, $"synthetic seed {seed}", new TrainerSettings(Seed: seed, Trees: 10, Leaves: 4, MinExamplesPerLeaf: 5),
            new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero))).Model;
    }
}
