using System.Net;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// Nothing a queue message holds and no storage outage stops the local host: an undecodable message goes to its poison queue on
/// its first delivery, and an emulator that goes away and comes back empty is waited for and set up again while the API answers 503.
/// Each test has its own Azurite and host.
/// </summary>
public sealed class HostResilienceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest host = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["DailyRunSchedule"] = "0 0 0 1 1 *";

            // A message that fails waits 10 minutes before its next try: only a message moved on its first delivery reaches poison in a test.
            settings["LocalHost:MaxDequeueCount"] = "100";
            settings["LocalHost:VisibilityTimeout"] = "00:10:00";
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Theory]
    [InlineData(StorageNames.CollectQueue, "this is not Base64!")]
    [InlineData(StorageNames.ScoreQueue, "{\"runId\":\"2026-01-01\"}")]
    public async Task A_message_that_is_not_Base64_moves_unchanged_to_poison_on_its_first_delivery_and_the_host_keeps_serving(string queue, string stored)
    {
        await azurite.Storage.UndecodedQueue(queue).SendMessageAsync(stored);

        // A poison function listens on <queue>-poison and cannot decode the message either, so it moves on to <queue>-poison-poison,
        // as the Functions host does with a poison trigger's poison: found in either, unchanged.
        var poison = azurite.Storage.UndecodedQueue(StorageNames.PoisonQueue(queue));
        var poisonOfPoison = azurite.Storage.UndecodedQueue(StorageNames.PoisonQueue(StorageNames.PoisonQueue(queue)));
        async Task<bool> PoisonedAsync()
        {
            await poisonOfPoison.CreateIfNotExistsAsync();
            return (await poison.PeekMessagesAsync(32)).Value.Concat((await poisonOfPoison.PeekMessagesAsync(32)).Value).Any(m => m.Body.ToString() == stored);
        }

        var deadline = DateTime.UtcNow + Patience;
        while (!await PoisonedAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await PoisonedAsync(), "The message reached no poison queue.");
        Assert.Equal(0, (await azurite.Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.False(host.IsStopping);
        using var latest = await host.Anonymous.GetAsync("runs/latest");
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
    }

    [Fact]
    public async Task Storage_that_goes_away_and_comes_back_empty_is_set_up_again_while_the_api_answers_503_and_the_host_keeps_serving()
    {
        await host.WhenStorageReadyAsync();
        await azurite.StopAsync();

        using (var away = await host.Anonymous.GetAsync("runs/latest"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
            Assert.Equal("application/problem+json", away.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(away.Headers.RetryAfter);
        }

        await azurite.StartAgainAsync();
        await AssertSetUpAgainAsync();

        // The new, empty storage has no run yet: a 404 problem, not a 500 about a missing table.
        using var latest = await host.Anonymous.GetAsync("runs/latest");
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        Assert.Equal("application/problem+json", latest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Storage_restarted_empty_between_two_polls_is_noticed_by_the_queue_listeners_and_set_up_again()
    {
        await host.WhenStorageReadyAsync();
        await azurite.StopAsync();
        await azurite.StartAgainAsync();

        await AssertSetUpAgainAsync();
    }

    /// <summary>Waits until every queue, table and container is back, and asserts that the host is still running.</summary>
    private async Task AssertSetUpAgainAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await MissingAsync()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal([], await MissingAsync());
        Assert.False(host.IsStopping);
    }

    /// <summary>The tables, queues (with their poison queues) and containers the pipeline creates at start that storage lacks.</summary>
    private async Task<List<string>> MissingAsync()
    {
        var tables = new HashSet<string>();
        await foreach (var table in azurite.Storage.Tables.QueryAsync())
        {
            tables.Add(table.Name);
        }

        var missing = StorageNames.Tables.Where(table => !tables.Contains(table)).ToList();
        foreach (var queue in StorageNames.Queues.SelectMany(queue => new[] { queue, StorageNames.PoisonQueue(queue) }))
        {
            if (!(await azurite.Storage.Queue(queue).ExistsAsync()).Value)
            {
                missing.Add(queue);
            }
        }

        foreach (var container in StorageNames.Containers)
        {
            if (!(await azurite.Storage.Container(container).ExistsAsync()).Value)
            {
                missing.Add(container);
            }
        }

        return missing;
    }
}
