using GosAnalytics.Collectors.Max;
using GosAnalytics.Core.Domain;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static GosAnalytics.Collectors.Tests.Max.MaxHarness;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>
/// Two collector instances (two service containers, as two Functions instances would have) share one bot through the storage
/// account. In the collection of <see cref="SharedRateLimitTests"/>: alone, because the fake counts arrivals.
/// </summary>
[Collection(nameof(SharedRateLimitTests))]
public sealed class MaxSharedRateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_instances_sharing_the_bot_through_storage_stay_within_its_rate_together_at_two_table_operations_per_block()
    {
        await using var max = await StartAsync();
        var pages = AddChannels(max);

        var (first, second, collected) = await CollectOnTwoInstancesAsync(max, pages, share: true);

        Assert.Equal(16, collected);
        Assert.Equal(0, max.Fake.TooManyRequestsAnswers);
        var requests = max.Fake.Requests;
        var reservations = first.Gate.SharedReservations + second.Gate.SharedReservations;
        Assert.True(reservations * MaxRateGate.SlotsPerReservation >= requests, "every send had a shared slot");
        Assert.True(reservations * 3 < requests, $"reservations ({reservations}) are per block of slots, not per request ({requests})");
    }

    [Fact]
    public async Task Without_sharing_the_same_two_instances_exceed_the_bot_rate()
    {
        await using var max = await StartAsync();
        var pages = AddChannels(max);

        await CollectOnTwoInstancesAsync(max, pages, share: false);

        Assert.True(max.Fake.TooManyRequestsAnswers > 0, "each instance alone keeps the rate, together they do not");
    }

    /// <summary>16 channels of 10 posts: 12 requests each, about 190 in all, several seconds at 29 a second.</summary>
    private static List<RegisteredPage> AddChannels(MaxHarness max)
    {
        max.Fake.Latency = TimeSpan.FromMilliseconds(10);
        var pages = new List<RegisteredPage>();
        for (var c = 0; c < 16; c++)
        {
            var channel = max.AddChannel(-70000000000200 - c, $"shared{c}");
            for (var p = 2; p <= 10; p++)
            {
                channel.AddPost($"mid.s{c}.{p}", AsOf.AddHours(-p));
            }

            pages.Add(Page($"shared{c}"));
        }

        return pages;
    }

    /// <summary>Each instance collects 8 pages in 4 concurrent batches of 2; both at once. Returns their clients and the pages collected.</summary>
    private async Task<(MaxApiClient First, MaxApiClient Second, int Collected)> CollectOnTwoInstancesAsync(MaxHarness max, List<RegisteredPage> pages, bool share)
    {
        // 29/s against the fake's 30: Azurite runs on the same two cores, and a stall of a send by 30 ms (the pacer's whole 3 %
        // headroom over a second) is not rare there; one request a second more margin keeps the test about sharing, not about load.
        var settings = new Dictionary<string, string?>
        {
            ["Max:ShareRateThroughStorage"] = share ? "true" : "false",
            ["Max:RequestsPerSecond"] = "29",
        };
        var first = max.Services(settings, azurite.Storage);
        var second = max.Services(settings, azurite.Storage);
        var work = new[] { (first, pages[..8]), (second, pages[8..]) }
            .SelectMany(part => part.Item2.Chunk(2).Select(chunk => part.Item1.GetRequiredService<MaxPageSource>().CollectAsync(Request(chunk), CancellationToken.None)));
        var batches = await Task.WhenAll(work);
        return (first.GetRequiredService<MaxApiClient>(), second.GetRequiredService<MaxApiClient>(), batches.Sum(b => b.Pages.Count));
    }
}
