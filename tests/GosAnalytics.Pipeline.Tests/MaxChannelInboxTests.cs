using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Registry;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The MAX channel inbox against real tables on a private Azurite: recording bot events, listing, confirming and dismissing.</summary>
public sealed class MaxChannelInboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Monday.AddDays(1));

    private PageRegistry Registry => new(azurite.Storage);

    private MaxChannelStore Store => new(azurite.Storage);

    private MaxChannelInbox Inbox => new(Store, Registry, clock, NullLogger<MaxChannelInbox>.Instance);

    [Fact]
    public async Task A_bot_added_delivered_twice_is_recorded_once_as_pending_with_who_added_the_bot_and_when()
    {
        var chat = MaxUpdateJson.NewChatId();
        var added = Added(chat, Monday);

        var first = await Inbox.RecordAsync([added], CancellationToken.None);
        var row = await Store.GetAsync(chat, CancellationToken.None);
        var second = await Inbox.RecordAsync([added], CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var after = await Store.GetAsync(chat, CancellationToken.None);
        Assert.Equal(row!.ETag, after!.ETag); // the second delivery wrote nothing
        var channel = await FindAsync(chat);
        Assert.Equal((MaxChannelStatus.Pending, 4815162342L, "Ирина Петрова", Monday, (string?)null), (channel.Status, channel.AddedByUserId, channel.AddedByName, channel.AddedAt, channel.Title));
    }

    [Fact]
    public async Task An_older_event_does_not_overwrite_a_newer_one_whatever_the_delivery_order()
    {
        var chat = MaxUpdateJson.NewChatId();

        await Inbox.RecordAsync([Removed(chat, Monday.AddHours(2))], CancellationToken.None);
        var late = await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        Assert.Equal(0, late);
        var channel = await FindAsync(chat);
        Assert.Equal((MaxChannelStatus.Removed, "bot_removed", Monday.AddHours(2)), (channel.Status, channel.LastEvent, channel.LastEventAt));
    }

    [Fact]
    public async Task A_bot_removed_marks_the_chat_removed_and_a_later_bot_added_makes_it_pending_again()
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday), Removed(chat, Monday.AddMinutes(5))], CancellationToken.None);
        Assert.Equal(MaxChannelStatus.Removed, (await FindAsync(chat)).Status);

        await Inbox.RecordAsync([Added(chat, Monday.AddMinutes(10), userId: 77, name: "Олег")], CancellationToken.None);

        var channel = await FindAsync(chat);
        Assert.Equal((MaxChannelStatus.Pending, 77L, "Олег"), (channel.Status, channel.AddedByUserId, channel.AddedByName));
    }

    [Fact]
    public async Task Confirming_registers_the_chat_as_a_MAX_page_with_its_region_and_kind_and_confirming_again_changes_nothing()
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        var first = await Inbox.ConfirmAsync(chat, "28", "Образование", CancellationToken.None);
        var row = await Store.GetAsync(chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await Inbox.ConfirmAsync(chat, "28", "education", CancellationToken.None);

        var key = new PageKey(Platform.Max, chat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new RegisteredPage(Platform.Max, key.PageId, "", 28, OrganisationKind.Education), await Registry.GetAsync(key, CancellationToken.None));
        Assert.Equal((MaxDecisionOutcome.Done, false, MaxChannelStatus.Confirmed, 28, OrganisationKind.Education), (first.Outcome, first.AlreadyRegistered, first.Channel!.Status, first.Channel.RegionCode, first.Channel.Kind));
        Assert.Equal((MaxDecisionOutcome.Done, true, clock.GetUtcNow().AddHours(-1)), (second.Outcome, second.AlreadyRegistered, second.Channel!.DecidedAt));
        Assert.Equal(row!.ETag, (await Store.GetAsync(chat, CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task Confirming_with_a_municipality_and_organisation_registers_them_and_a_bad_id_names_its_field()
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        var invalid = await Inbox.ConfirmAsync(chat, new MaxConfirmation("28", "education", Organisation: "a b", OrganisationName: "Школа"), CancellationToken.None);
        Assert.Equal(MaxDecisionOutcome.Invalid, invalid.Outcome);
        Assert.Equal(["organisation"], invalid.Errors.Keys);

        var done = await Inbox.ConfirmAsync(chat, new MaxConfirmation("28", "education", " город  Зея ", "demo-28-00100", "Школа № 1"), CancellationToken.None);
        Assert.Equal(MaxDecisionOutcome.Done, done.Outcome);
        var page = (await Registry.GetAsync(new PageKey(Platform.Max, chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None))!;
        Assert.Equal(("город Зея", "demo-28-00100", "Школа № 1"), (page.Municipality, page.OrganisationId, page.OrganisationName));

        var other = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(other, Monday)], CancellationToken.None);
        var nameOnly = await Inbox.ConfirmAsync(other, new MaxConfirmation("28", "education", OrganisationName: "Школа"), CancellationToken.None);
        Assert.Equal((MaxDecisionOutcome.Invalid, "organisationName"), (nameOnly.Outcome, Assert.Single(nameOnly.Errors.Keys)));
    }

    [Fact]
    public async Task Confirming_a_chat_registered_already_with_another_region_leaves_the_registry_as_it_is_and_says_so()
    {
        var chat = MaxUpdateJson.NewChatId();
        var pageId = chat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Registry.UpsertAsync([new RegisteredPage(Platform.Max, pageId, "", 27, OrganisationKind.Culture)], CancellationToken.None);
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        var decision = await Inbox.ConfirmAsync(chat, "28", "education", CancellationToken.None);

        Assert.True(decision.AlreadyRegistered);
        Assert.Contains("region 27, kind culture", decision.Message, StringComparison.Ordinal);
        Assert.Equal((27, OrganisationKind.Culture), (decision.Channel!.RegionCode, decision.Channel.Kind));
        Assert.Equal(27, (await Registry.GetAsync(new PageKey(Platform.Max, pageId), CancellationToken.None))!.RegionCode);
    }

    [Fact]
    public async Task Confirming_an_unknown_chat_is_not_found_and_registers_nothing()
    {
        var chat = MaxUpdateJson.NewChatId();

        var decision = await Inbox.ConfirmAsync(chat, "28", "education", CancellationToken.None);

        Assert.Equal(MaxDecisionOutcome.NotFound, decision.Outcome);
        Assert.Contains(chat.ToString(System.Globalization.CultureInfo.InvariantCulture), decision.Message, StringComparison.Ordinal);
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Max, chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None));
    }

    [Theory]
    [InlineData("99a", "education", "region", "'99a' is not a region code")]
    [InlineData("", "education", "region", "empty; expected a region code")]
    [InlineData("28", "bank", "kind", "'bank' is not an organisation kind")]
    [InlineData("28", "\"; vk;club1", "kind", "is not an organisation kind")]
    public async Task An_invalid_region_or_kind_is_an_error_naming_it_with_the_registry_imports_message_and_nothing_changes(string region, string kind, string field, string message)
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        var decision = await Inbox.ConfirmAsync(chat, region, kind, CancellationToken.None);

        Assert.Equal(MaxDecisionOutcome.Invalid, decision.Outcome);
        Assert.Contains(message, Assert.Single(decision.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(MaxChannelStatus.Pending, (await FindAsync(chat)).Status);
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Max, chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None));
    }

    [Fact]
    public async Task A_dismissed_chat_leaves_the_pending_list_until_the_bot_is_added_again()
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);

        var dismissed = await Inbox.DismissAsync(chat, CancellationToken.None);
        var redelivered = await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);
        Assert.Equal((MaxDecisionOutcome.Done, MaxChannelStatus.Dismissed, 0), (dismissed.Outcome, (await FindAsync(chat)).Status, redelivered));

        await Inbox.RecordAsync([Added(chat, Monday.AddDays(1))], CancellationToken.None);
        Assert.Equal(MaxChannelStatus.Pending, (await FindAsync(chat)).Status);
    }

    [Fact]
    public async Task A_confirmed_chat_cannot_be_dismissed_and_an_unknown_one_is_not_found()
    {
        var chat = MaxUpdateJson.NewChatId();
        await Inbox.RecordAsync([Added(chat, Monday)], CancellationToken.None);
        await Inbox.ConfirmAsync(chat, "28", "sport", CancellationToken.None);

        Assert.Equal(MaxDecisionOutcome.Conflict, (await Inbox.DismissAsync(chat, CancellationToken.None)).Outcome);
        Assert.Equal(MaxChannelStatus.Confirmed, (await FindAsync(chat)).Status);
        Assert.Equal(MaxDecisionOutcome.NotFound, (await Inbox.DismissAsync(MaxUpdateJson.NewChatId(), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task The_list_shows_pending_chats_first_newest_first_and_is_bounded_while_counting_them_all()
    {
        var (old, fresh, removed) = (MaxUpdateJson.NewChatId(), MaxUpdateJson.NewChatId(), MaxUpdateJson.NewChatId());
        var far = DateTimeOffset.UtcNow.AddYears(5); // newer than any other test's events in this shared table
        await Inbox.RecordAsync([Added(old, far), Added(fresh, far.AddMinutes(1)), Removed(removed, far.AddMinutes(2))], CancellationToken.None);

        var list = await Inbox.ListAsync(MaxChannelInbox.MaxListLimit, CancellationToken.None);
        var ours = list.Items.Where(c => c.ChatId == old || c.ChatId == fresh || c.ChatId == removed).Select(c => c.ChatId).ToList();
        var bounded = await Inbox.ListAsync(1, CancellationToken.None);

        Assert.Equal([fresh, old, removed], ours);
        Assert.Equal(fresh, Assert.Single(bounded.Items).ChatId);
        Assert.Equal((list.Total, list.Pending), (bounded.Total, bounded.Pending));
        Assert.All(list.Items.TakeWhile(c => c.Status == MaxChannelStatus.Pending), c => Assert.Equal(MaxChannelStatus.Pending, c.Status));
        Assert.DoesNotContain(list.Items.SkipWhile(c => c.Status == MaxChannelStatus.Pending), c => c.Status == MaxChannelStatus.Pending);
    }

    private async Task<MaxChannel> FindAsync(long chatId) =>
        (await Inbox.ListAsync(MaxChannelInbox.MaxListLimit, CancellationToken.None)).Items.Single(c => c.ChatId == chatId);

    private static MaxChannelEvent Added(long chat, DateTimeOffset at, long userId = 4815162342, string name = "Ирина Петрова") =>
        new(MaxChannelEventKind.Added, chat, userId, name, true, at);

    private static MaxChannelEvent Removed(long chat, DateTimeOffset at) => new(MaxChannelEventKind.Removed, chat, 4815162342, "Ирина Петрова", true, at);
}
