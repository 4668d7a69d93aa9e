using System.Text.Json;
using GosAnalytics.Core.Sources;
using GosAnalytics.Pipeline.Registry;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>
/// The development long-poll's marker handling, on its own Azurite (the marker is one row per storage account) with an in-memory
/// feed standing in for MAX's <c>GET /updates</c>.
/// </summary>
public sealed class MaxUpdatePollerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private readonly AzuriteFixture azurite = new();

    private MaxChannelStore Store => new(azurite.Storage);

    public Task InitializeAsync() => azurite.InitializeAsync();

    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task A_poll_records_the_bot_events_of_the_page_and_then_stores_its_marker_for_the_next_poll()
    {
        var chat = MaxUpdateJson.NewChatId();
        var feed = new InMemoryFeed(
            new MaxUpdatePage([Json(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At))), Json(MaxUpdateJson.MessageCreated(chat, MaxUpdateJson.Millis(At)))], 41),
            new MaxUpdatePage([], 41));

        var first = await Poller(feed).PollAsync(CancellationToken.None);
        var second = await Poller(feed).PollAsync(CancellationToken.None);

        Assert.Equal((2, 1, 41L, true), (first.Updates, first.Events, first.Marker, first.MarkerSaved));
        Assert.Equal([null, 41], feed.AskedWith);
        Assert.Equal("pending", (await Store.GetAsync(chat, CancellationToken.None))!.Status);
        Assert.False(second.MarkerSaved); // the same marker again: nothing to write
        Assert.Equal(41, (await Store.GetMarkerAsync(CancellationToken.None))!.Marker);
    }

    [Fact]
    public async Task A_poll_stopped_before_it_recorded_leaves_the_marker_so_the_next_poll_reads_the_same_updates_again()
    {
        var chat = MaxUpdateJson.NewChatId();
        var page = new MaxUpdatePage([Json(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)))], 7);
        var feed = new InMemoryFeed(new MaxUpdatePage([], 5), page, page);
        await Poller(feed).PollAsync(CancellationToken.None);

        // The process stops right after MAX answered: nothing of the page is recorded, and the marker must not move past it.
        using var crash = new CancellationTokenSource();
        feed.AfterAnswer = crash.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poller(feed).PollAsync(crash.Token));
        feed.AfterAnswer = null;
        var retried = await Poller(feed).PollAsync(CancellationToken.None);

        Assert.Equal([null, 5, 5], feed.AskedWith);
        Assert.Equal((1, 7L, true), (retried.Events, retried.Marker, retried.MarkerSaved));
        Assert.Equal("pending", (await Store.GetAsync(chat, CancellationToken.None))!.Status);
        Assert.Equal(7, (await Store.GetMarkerAsync(CancellationToken.None))!.Marker);
    }

    [Fact]
    public async Task A_malformed_update_is_passed_over_and_does_not_hold_the_marker_back()
    {
        var chat = MaxUpdateJson.NewChatId();
        var feed = new InMemoryFeed(new MaxUpdatePage([Json("""{"update_type":"bot_added","timestamp":1}"""), Json(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)))], 12));

        var result = await Poller(feed).PollAsync(CancellationToken.None);

        Assert.Equal((1, 1, true), (result.Malformed, result.Events, result.MarkerSaved));
        Assert.NotNull(await Store.GetAsync(chat, CancellationToken.None));
    }

    [Fact]
    public async Task With_polling_off_or_without_a_feed_the_poll_reads_nothing_and_does_not_fail()
    {
        var feed = new InMemoryFeed(new MaxUpdatePage([], 1));

        var off = await Poller(feed, pollUpdates: false).PollAsync(CancellationToken.None);
        var noFeed = await Poller(null).PollAsync(CancellationToken.None);

        Assert.Equal("Max:PollUpdates is off", off.Skipped);
        Assert.Equal("no MAX update feed is registered", noFeed.Skipped);
        Assert.Empty(feed.AskedWith);
        Assert.Null(await Store.GetMarkerAsync(CancellationToken.None));
    }

    private MaxUpdatePoller Poller(IMaxUpdateFeed? feed, bool pollUpdates = true)
    {
        var options = new StaticOptions(new MaxInboxOptions { PollUpdates = pollUpdates });
        var inbox = new MaxChannelInbox(Store, new PageRegistry(azurite.Storage), TimeProvider.System, NullLogger<MaxChannelInbox>.Instance);
        return new MaxUpdatePoller(inbox, Store, feed is null ? [] : [feed], options, TimeProvider.System, NullLogger<MaxUpdatePoller>.Instance);
    }

    private static JsonElement Json(string text) => MaxUpdateJson.Element(text);

    /// <summary>Answers each poll with the next page and remembers the marker it was asked with.</summary>
    private sealed class InMemoryFeed(params MaxUpdatePage[] pages) : IMaxUpdateFeed
    {
        private int next;

        public List<long?> AskedWith { get; } = [];

        /// <summary>Runs after the feed answered (a crash right after MAX's answer).</summary>
        public Action? AfterAnswer { get; set; }

        public Task<MaxUpdatePage> GetUpdatesAsync(long? marker, CancellationToken cancellationToken)
        {
            AskedWith.Add(marker);
            var page = pages[Math.Min(next++, pages.Length - 1)];
            AfterAnswer?.Invoke();
            return Task.FromResult(page);
        }
    }

    private sealed class StaticOptions(MaxInboxOptions value) : IOptionsMonitor<MaxInboxOptions>
    {
        public MaxInboxOptions CurrentValue => value;

        public MaxInboxOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MaxInboxOptions, string?> listener) => null;
    }
}
