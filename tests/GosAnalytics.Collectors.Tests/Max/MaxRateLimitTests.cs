using GosAnalytics.Core.Domain;
using static GosAnalytics.Collectors.Tests.Max.MaxHarness;

namespace GosAnalytics.Collectors.Tests.Max;

/// <summary>
/// The bot's rate against a fake that counts like MAX (more than 30 requests in any one second is 429). Alone in its
/// collection: other tests' load adds jitter between send and arrival.
/// </summary>
[Collection(nameof(MaxRateLimitTests))]
[CollectionDefinition(nameof(MaxRateLimitTests), DisableParallelization = true)]
public sealed class MaxRateLimitTests
{
    [Fact]
    public async Task Concurrent_batches_sharing_the_bot_stay_under_thirty_requests_a_second()
    {
        await using var max = await StartAsync();
        max.Fake.Latency = TimeSpan.FromMilliseconds(10);
        var pages = new List<RegisteredPage>();
        for (var c = 0; c < 8; c++)
        {
            var channel = max.AddChannel(-70000000000100 - c, $"channel{c}");
            for (var p = 2; p <= 12; p++)
            {
                channel.AddPost($"mid.{c}.{p}", AsOf.AddHours(-p));
            }

            pages.Add(Page($"channel{c}"));
        }

        // At 25/s against the fake's 30 the test checks what it is about — four batches share one bot's gate (alone, each would
        // send 25/s) — with a margin that the load of other test assemblies cannot eat; the bench measures pacing at 30/s itself.
        var source = max.Source(new Dictionary<string, string?> { ["Max:RequestsPerSecond"] = "25" });
        var batches = await Task.WhenAll(pages.Chunk(2).Select(chunk => source.CollectAsync(Request(chunk), CancellationToken.None)));

        Assert.Equal(8, batches.Sum(b => b.Pages.Count));
        Assert.True(max.Fake.Requests >= 100, $"enough requests to cross several seconds ({max.Fake.Requests})");
        Assert.Equal(0, max.Fake.TooManyRequestsAnswers);
    }

    [Fact]
    public async Task The_bots_first_request_goes_alone_and_the_others_leave_after_its_answer_on_fresh_turns()
    {
        // A cold HTTP stack holds the requests paced after the first one until its connection is open, then lets them go
        // together: the first request goes alone and the others wait for its answer.
        await using var max = await StartAsync();
        max.Fake.Latency = TimeSpan.FromMilliseconds(300);
        var pages = Enumerable.Range(0, 4).Select(c =>
        {
            max.AddChannel(-70000000000200 - c, $"cold{c}");
            return Page($"cold{c}");
        }).ToList();

        var source = max.Source();
        await Task.WhenAll(pages.Select(page => source.CollectAsync(Request([page]), CancellationToken.None)));

        // The fake answers 300 ms after an arrival; a timer may fire a little early against the stopwatch, so the second arrival
        // is checked against 200 ms (without the wait, the cold stack lets it arrive within a few milliseconds of the first).
        var arrivals = max.Fake.Arrivals.Order().ToList();
        var gap = TimeSpan.FromSeconds((arrivals[1] - arrivals[0]) / (double)System.Diagnostics.Stopwatch.Frequency);
        Assert.True(gap >= TimeSpan.FromMilliseconds(200), $"the second request arrived {gap.TotalMilliseconds:0} ms after the first, before its answer");
        Assert.Equal(0, max.Fake.TooManyRequestsAnswers);
    }
}
