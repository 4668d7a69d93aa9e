using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;
using GosAnalytics.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>Where a chat the bot knows stands: waiting for the operator, bot removed, registered, or turned down.</summary>
public enum MaxChannelStatus
{
    Pending,
    Removed,
    Confirmed,
    Dismissed,
}

/// <summary>A MAX chat in the inbox, as the list route and the dashboard show it.</summary>
/// <param name="PageId">The chat id as the registry's MAX page id.</param>
/// <param name="Title">The chat's title when known; null until an update or the collector tells it.</param>
/// <param name="LastEvent"><c>bot_added</c> or <c>bot_removed</c>: the latest event applied.</param>
/// <param name="RegionCode">Set once confirmed: the region the page is registered with.</param>
/// <param name="Kind">Set once confirmed: the kind the page is registered with.</param>
public sealed record MaxChannel(
    long ChatId,
    string PageId,
    MaxChannelStatus Status,
    bool IsChannel,
    string? Title,
    long? AddedByUserId,
    string? AddedByName,
    DateTimeOffset? AddedAt,
    string LastEvent,
    DateTimeOffset LastEventAt,
    DateTimeOffset? DecidedAt,
    int? RegionCode,
    OrganisationKind? Kind);

/// <summary>The inbox, pending chats first: at most the requested number of items; the counts are complete.</summary>
public sealed record MaxChannelList(int Total, int Pending, IReadOnlyList<MaxChannel> Items);

public enum MaxDecisionOutcome
{
    /// <summary>Done now, or done already (a repeated confirm or dismiss changes nothing).</summary>
    Done,

    /// <summary>No chat with that id on record.</summary>
    NotFound,

    /// <summary>The region or kind is not valid; <see cref="MaxChannelDecision.Errors"/> says why, by parameter.</summary>
    Invalid,

    /// <summary>The chat's state does not allow it (dismissing a confirmed chat).</summary>
    Conflict,
}

/// <summary>The answer to a confirm or dismiss.</summary>
/// <param name="AlreadyRegistered">Confirm only: the page was in the registry before (its region and kind stay as registered).</param>
public sealed record MaxChannelDecision(
    MaxDecisionOutcome Outcome,
    MaxChannel? Channel,
    string Message,
    IReadOnlyDictionary<string, string[]> Errors,
    bool AlreadyRegistered = false);

/// <summary>
/// The MAX chats the bot was added to, waiting for the operator to register them (table <c>maxchannels</c>). Bot events are applied in
/// their own order, not in delivery order: an event no newer than the one a row holds changes nothing, so a webhook retry, a poll that
/// reads an update again, or an old update arriving late leave the row as it is. Confirming registers the chat as a MAX page with the
/// same checks and messages as a row of the registry CSV (<see cref="RegistryFile.ReadPage"/>) and the same write (<see cref="PageRegistry"/>).
/// </summary>
public sealed class MaxChannelInbox(MaxChannelStore store, PageRegistry registry, TimeProvider clock, ILogger<MaxChannelInbox> logger)
{
    public const int DefaultListLimit = 200;
    public const int MaxListLimit = 1000;

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>Applies each event to its chat's row; the number of rows that changed (0 when every event was known already).</summary>
    public async Task<int> RecordAsync(IEnumerable<MaxChannelEvent> events, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var channelEvent in events.OrderBy(e => e.Timestamp).ThenBy(e => e.Kind))
        {
            if (await RecordAsync(channelEvent, cancellationToken))
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The inbox: pending chats first, then the others; newest event first within each.</summary>
    public async Task<MaxChannelList> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await store.ListAsync(cancellationToken);
        var channels = rows.Select(ToChannel)
            .OrderBy(c => c.Status == MaxChannelStatus.Pending ? 0 : 1)
            .ThenByDescending(c => c.LastEventAt)
            .ThenBy(c => c.ChatId)
            .ToList();
        return new MaxChannelList(channels.Count, channels.Count(c => c.Status == MaxChannelStatus.Pending), channels.Take(Math.Clamp(limit, 1, MaxListLimit)).ToList());
    }

    /// <summary>
    /// Registers chat <paramref name="chatId"/> as a MAX page of <paramref name="region"/> and <paramref name="kind"/> (text as in the
    /// registry CSV: a subject code; a kind code or its Russian name) and marks it confirmed. A page already registered stays as it is
    /// (as the CSV import leaves it), and confirming again changes nothing.
    /// </summary>
    public Task<MaxChannelDecision> ConfirmAsync(long chatId, string? region, string? kind, CancellationToken cancellationToken) =>
        ConfirmAsync(chatId, new MaxConfirmation(region, kind), cancellationToken);

    /// <summary>
    /// Registers the chat as <see cref="ConfirmAsync(long, string?, string?, CancellationToken)"/> does, with the optional municipality and
    /// organisation of the registry file (same checks); an error names the body's field (<c>municipality</c>, <c>organisation</c>,
    /// <c>organisationName</c>).
    /// </summary>
    public async Task<MaxChannelDecision> ConfirmAsync(long chatId, MaxConfirmation confirmation, CancellationToken cancellationToken)
    {
        var (region, kind) = (confirmation.Region, confirmation.Kind);
        if (await store.GetAsync(chatId, cancellationToken) is null)
        {
            return NotFound(chatId);
        }

        var chatText = chatId.ToString(CultureInfo.InvariantCulture);
        if (RegistryFile.ReadPage(
                Platform.Max.ToCode(), chatText, region ?? "", kind ?? "", out var cellErrors, confirmation.Municipality, confirmation.Organisation, confirmation.OrganisationName)
            is not { } page)
        {
            var errors = cellErrors.GroupBy(e => MaxConfirmation.FieldOf(e.Column)).ToDictionary(g => g.Key, g => g.Select(e => $"Field '{g.Key}': {e.Message}").ToArray());
            return new MaxChannelDecision(MaxDecisionOutcome.Invalid, null, string.Join(" ", errors.Values.SelectMany(m => m)), errors);
        }

        var existing = await registry.GetAsync(page.Key, cancellationToken);
        if (existing is null)
        {
            await registry.UpsertAsync([page], cancellationToken);
            logger.LogInformation("MAX chat {ChatId} registered: region {RegionCode}, kind {Kind}", chatId, page.RegionCode, page.Kind.ToCode());
        }

        var registered = existing ?? page;
        var row = await ChangeAsync(chatId, row =>
        {
            var unchanged = row.Status == Code(MaxChannelStatus.Confirmed) && row.RegionCode == registered.RegionCode && row.Kind == registered.Kind.ToCode();
            row.Status = Code(MaxChannelStatus.Confirmed);
            row.RegionCode = registered.RegionCode;
            row.Kind = registered.Kind.ToCode();
            row.DecidedAt = unchanged ? row.DecidedAt : clock.GetUtcNow();
            return !unchanged;
        }, cancellationToken);
        if (row is null)
        {
            return NotFound(chatId);
        }

        var message = existing is null
            ? $"MAX chat {chatId} is registered: region {registered.RegionCode}, kind {registered.Kind.ToCode()}."
            : $"MAX chat {chatId} was already registered: region {existing.RegionCode}, kind {existing.Kind.ToCode()}"
                + (existing.RegionCode != page.RegionCode || existing.Kind != page.Kind ? $" (this request says region {page.RegionCode}, kind {page.Kind.ToCode()}; the registry is not changed)." : ".");
        return new MaxChannelDecision(MaxDecisionOutcome.Done, ToChannel(row), message, NoErrors, AlreadyRegistered: existing is not null);
    }

    /// <summary>Turns a chat down: it leaves the pending list until the bot is added to it again. A confirmed chat cannot be dismissed.</summary>
    public async Task<MaxChannelDecision> DismissAsync(long chatId, CancellationToken cancellationToken)
    {
        var confirmed = false;
        var row = await ChangeAsync(chatId, row =>
        {
            confirmed = row.Status == Code(MaxChannelStatus.Confirmed);
            if (confirmed || row.Status == Code(MaxChannelStatus.Dismissed))
            {
                return false;
            }

            row.Status = Code(MaxChannelStatus.Dismissed);
            row.DecidedAt = clock.GetUtcNow();
            return true;
        }, cancellationToken);
        if (row is null)
        {
            return NotFound(chatId);
        }

        return confirmed
            ? new MaxChannelDecision(MaxDecisionOutcome.Conflict, ToChannel(row), $"MAX chat {chatId} is confirmed and in the registry; dismissing it would not remove the page.", NoErrors)
            : new MaxChannelDecision(MaxDecisionOutcome.Done, ToChannel(row), $"MAX chat {chatId} is dismissed.", NoErrors);
    }

    private async Task<bool> RecordAsync(MaxChannelEvent channelEvent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await store.GetAsync(channelEvent.ChatId, cancellationToken);
            if (row is null)
            {
                row = new MaxChannelEntity { RowKey = MaxChannelEntity.RowKeyOf(channelEvent.ChatId), ChatId = channelEvent.ChatId };
                Apply(row, channelEvent);
                if (await store.TryAddAsync(row, cancellationToken))
                {
                    Log(channelEvent, row);
                    return true;
                }

                continue; // Another delivery added it first: decide against what it wrote.
            }

            if (!IsNewer(channelEvent, row))
            {
                logger.LogDebug("MAX {Event} of chat {ChatId} at {Timestamp:o} is not newer than the recorded {LastEvent}; nothing to change", Type(channelEvent.Kind), channelEvent.ChatId, channelEvent.Timestamp, row.LastEventType);
                return false;
            }

            Apply(row, channelEvent);
            if (await store.TryReplaceAsync(row, cancellationToken))
            {
                Log(channelEvent, row);
                return true;
            }
        }
    }

    /// <summary>Events in the order (timestamp, added before removed): a total order, so the last word never depends on delivery order.</summary>
    private static bool IsNewer(MaxChannelEvent channelEvent, MaxChannelEntity row) =>
        channelEvent.Timestamp > row.LastEventAt
        || (channelEvent.Timestamp == row.LastEventAt && channelEvent.Kind == MaxChannelEventKind.Removed && row.LastEventType == MaxUpdates.BotAdded);

    private static void Apply(MaxChannelEntity row, MaxChannelEvent channelEvent)
    {
        row.IsChannel = channelEvent.IsChannel;
        row.LastEventType = Type(channelEvent.Kind);
        row.LastEventAt = channelEvent.Timestamp;
        row.LastEventUserId = channelEvent.UserId;
        row.LastEventUserName = channelEvent.UserName;
        row.Title = channelEvent.Title ?? row.Title;
        if (channelEvent.Kind == MaxChannelEventKind.Added)
        {
            row.AddedByUserId = channelEvent.UserId;
            row.AddedByUserName = channelEvent.UserName;
            row.AddedAt = channelEvent.Timestamp;

            // Added again after a removal or a dismissal: the operator decides anew. A confirmed chat stays registered.
            row.Status = row.Status == Code(MaxChannelStatus.Confirmed) ? row.Status : Code(MaxChannelStatus.Pending);
        }
        else
        {
            row.Status = Code(MaxChannelStatus.Removed);
        }
    }

    private void Log(MaxChannelEvent channelEvent, MaxChannelEntity row) =>
        logger.LogInformation("MAX {Event} of chat {ChatId} (channel {IsChannel}) at {Timestamp:o} by user {UserId}: the chat is {Status}",
            Type(channelEvent.Kind), channelEvent.ChatId, channelEvent.IsChannel, channelEvent.Timestamp, channelEvent.UserId, row.Status);

    /// <summary>Reads, changes and writes a chat's row until the write wins; null when there is no row. <paramref name="change"/> returns false to leave it.</summary>
    private async Task<MaxChannelEntity?> ChangeAsync(long chatId, Func<MaxChannelEntity, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await store.GetAsync(chatId, cancellationToken);
            if (row is null || !change(row) || await store.TryReplaceAsync(row, cancellationToken))
            {
                return row;
            }
        }
    }

    private static MaxChannelDecision NotFound(long chatId) => new(
        MaxDecisionOutcome.NotFound,
        null,
        $"No MAX chat {chatId} is on record: a chat enters the list when one of its admins adds the bot (a bot_added update).",
        NoErrors);

    private static string Type(MaxChannelEventKind kind) => kind == MaxChannelEventKind.Added ? MaxUpdates.BotAdded : MaxUpdates.BotRemoved;

    private static string Code(MaxChannelStatus status) => status.ToCode();

    private static MaxChannel ToChannel(MaxChannelEntity row) => new(
        row.ChatId,
        MaxChannelEntity.RowKeyOf(row.ChatId),
        EnumCodes.TryParse<MaxChannelStatus>(row.Status, out var status) ? status : MaxChannelStatus.Pending,
        row.IsChannel,
        row.Title,
        row.AddedByUserId,
        row.AddedByUserName,
        row.AddedAt,
        row.LastEventType,
        row.LastEventAt,
        row.DecidedAt,
        row.RegionCode,
        EnumCodes.TryParse<OrganisationKind>(row.Kind, out var kind) ? kind : (OrganisationKind?)null);
}

/// <summary>What an operator confirms for a MAX channel: its region and kind, and optionally its municipality and organisation (as in the registry file).</summary>
public sealed record MaxConfirmation(string? Region, string? Kind, string? Municipality = null, string? Organisation = null, string? OrganisationName = null)
{
    /// <summary>The confirm body's field of a registry column (the file's <c>organisation name</c> is <c>organisationName</c>).</summary>
    public static string FieldOf(string column) => column == RegistryFile.OrganisationNameColumn ? "organisationName" : column;
}
