using System.Globalization;
using GosAnalytics.Collectors.Vk;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Sources;
using GosAnalytics.FakePlatforms;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GosAnalytics.Collectors.Tests;

/// <summary>
/// Two collector instances (two service containers, as two Functions instances would have) share one VK token through the
/// storage account. Alone in its collection: the fake counts arrivals, and other tests' load adds jitter between send and arrival.
/// </summary>
[Collection(nameof(SharedRateLimitTests))]
[CollectionDefinition(nameof(SharedRateLimitTests), DisableParallelization = true)]
public sealed class SharedRateLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public async Task Two_instances_sharing_a_token_through_storage_stay_within_its_rate_together()
    {
        await using var vk = await StartFakeAsync("shared-token-a");

        var collected = await CollectOnTwoInstancesAsync(vk, "shared-token-a", shareThroughStorage: true);

        Assert.Equal(16, collected);
        Assert.Equal(0, vk.TooManyRequestsAnswers);
    }

    [Fact]
    public async Task Without_sharing_the_same_two_instances_exceed_the_token_rate()
    {
        await using var vk = await StartFakeAsync("shared-token-b");

        await CollectOnTwoInstancesAsync(vk, "shared-token-b", shareThroughStorage: false);

        Assert.True(vk.TooManyRequestsAnswers > 0, "each instance alone keeps the rate, together they do not");
    }

    [Fact]
    public async Task A_token_that_met_error_29_on_one_instance_is_not_sent_by_the_other()
    {
        await using var vk = await StartFakeAsync("spent-token");
        var spent = vk.AddToken("spent-token", "service", requestsPerSecond: 10, dailyWallGetBudget: 0);
        vk.AddToken("fresh-token", "service", requestsPerSecond: 10);
        var pages = Enumerable.Range(0, 16)
            .Select(i => new RegisteredPage(Platform.Vk, (7000 + i).ToString(CultureInfo.InvariantCulture), "", 28, OrganisationKind.Education))
            .ToArray();
        // The first instance has only the spent token, so it meets error 29 itself whichever turn comes first.
        await using var first = Instance(vk, ["spent-token"], shareThroughStorage: true);
        await using var second = Instance(vk, ["spent-token", "fresh-token"], shareThroughStorage: true);

        var firstBatch = await Collect(first, pages[..8]);
        var sentByFirst = spent.Requests;
        var secondBatch = await Collect(second, pages[8..]);

        Assert.True(spent.WallGetSpent > 0, "the first instance met error 29 itself");
        Assert.All(firstBatch.Skipped, page => Assert.Contains("daily limit", page.Reason, StringComparison.Ordinal));
        Assert.Equal(8, secondBatch.Pages.Count);
        Assert.Equal(sentByFirst, spent.Requests);
    }

    private static async Task<FakeVk> StartFakeAsync(string token)
    {
        var vk = new FakeVk { Latency = TimeSpan.FromMilliseconds(20) };
        await vk.StartAsync();
        vk.AddToken(token, "service", requestsPerSecond: 10);
        for (var i = 0; i < 16; i++)
        {
            var group = vk.AddGroup(new FakeVkGroup(7000 + i, $"p{7000 + i}", "Страница"));
            for (var p = 1; p <= 3; p++)
            {
                group.AddPost(p, MoscowTime.StartOfDay(Day).AddHours(p), "Новость", comments: 1);
                group.AddCitizenComment(p, p * 10, 42, MoscowTime.StartOfDay(Day).AddHours(p + 1));
            }
        }

        return vk;
    }

    /// <summary>Each instance collects 8 pages in 4 concurrent batches of 2; both at once. Returns the pages collected.</summary>
    private async Task<int> CollectOnTwoInstancesAsync(FakeVk vk, string token, bool shareThroughStorage)
    {
        var pages = Enumerable.Range(0, 16)
            .Select(i => new RegisteredPage(Platform.Vk, (7000 + i).ToString(CultureInfo.InvariantCulture), "", 28, OrganisationKind.Education))
            .ToList();
        await using var first = Instance(vk, token, shareThroughStorage);
        await using var second = Instance(vk, token, shareThroughStorage);
        var work = new[] { (first, pages[..8]), (second, pages[8..]) }
            .SelectMany(part => part.Item2.Chunk(2).Select(chunk => Collect(part.Item1, chunk)));
        var batches = await Task.WhenAll(work);
        return batches.Sum(batch => batch.Pages.Count);
    }

    private static Task<BatchCollection> Collect(ServiceProvider instance, RegisteredPage[] pages) =>
        instance.GetRequiredService<VkPageSource>().CollectAsync(
            new CollectRequest(Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Day, MoscowTime.EndOfDay(Day), Platform.Vk, pages),
            CancellationToken.None);

    private ServiceProvider Instance(FakeVk vk, string token, bool shareThroughStorage) => Instance(vk, [token], shareThroughStorage);

    /// <summary>One instance's collector; each token's name is its value here, as these tests have nothing to hide.</summary>
    private ServiceProvider Instance(FakeVk vk, IReadOnlyList<string> tokens, bool shareThroughStorage)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:Source"] = "platforms",
            ["Vk:BaseAddress"] = vk.BaseAddress.ToString(),
            ["Vk:RetryBaseDelay"] = "00:00:00.020",
            ["Vk:ShareRateThroughStorage"] = shareThroughStorage ? "true" : "false",
        };
        for (var i = 0; i < tokens.Count; i++)
        {
            settings[$"Vk:Tokens:{i}:Name"] = tokens[i];
            settings[$"Vk:Tokens:{i}:Token"] = tokens[i];
            settings[$"Vk:Tokens:{i}:RequestsPerSecond"] = "10";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(azurite.Storage)
            .AddPlatformCollectors()
            .BuildServiceProvider();
    }
}
