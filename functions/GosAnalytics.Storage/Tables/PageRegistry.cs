using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage.Tables;

/// <summary>A registered page with the subscriber counts collection recorded for it (the last <see cref="SubscriberSlots.Count"/> days at most).</summary>
public sealed record RegistryEntry(RegisteredPage Page, IReadOnlyDictionary<DateOnly, long> SubscriberHistory)
{
    /// <summary>How many recent days a registry row keeps: a day's count can be written only while it is among them.</summary>
    public const int DaysKept = SubscriberSlots.Count;
}

/// <summary>
/// The registry of pages to collect, table <c>pages</c>: partition = platform, row key = page id. Besides what analysts registered,
/// a row keeps what collection learnt: the page's availability and its subscriber count on each of the last
/// <see cref="SubscriberSlots.Count"/> days (for growth), so that planning a run reads every page's history in the one scan of the
/// registry it makes anyway, and scoring writes a batch's counts back in one transaction.
/// </summary>
public sealed class PageRegistry(StorageClients clients)
{
    private const int MaxTransactionSize = 100;

    private TableClient Table => clients.Table(StorageNames.PagesTable);

    /// <summary>All registered pages, ordered by platform then page id so that batching is deterministic.</summary>
    public async Task<IReadOnlyList<RegisteredPage>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await ListWithHistoryAsync(withHistory: false, cancellationToken)).Select(entry => entry.Page)];

    /// <summary>All registered pages (ordered as <see cref="ListAsync"/>) with the subscriber counts recorded for them.</summary>
    public Task<IReadOnlyList<RegistryEntry>> ListWithHistoryAsync(CancellationToken cancellationToken) =>
        ListWithHistoryAsync(withHistory: true, cancellationToken);

    /// <summary>
    /// Records each page's subscriber count on <paramref name="metricDay"/> in the day's slot: one merge per page, in transactions of the
    /// platform's partition, without reading first (a slot belongs to one day, so writes of different days never collide). A page
    /// removed from the registry meanwhile stays removed. Idempotent.
    /// </summary>
    public async Task RecordSubscribersAsync(Platform platform, DateOnly metricDay, IReadOnlyList<(string PageId, long Subscribers)> counts, CancellationToken cancellationToken)
    {
        var column = SubscriberSlots.ColumnOf(metricDay);
        var entities = counts.DistinctBy(c => c.PageId, StringComparer.Ordinal)
            .Select(c => new TableEntity(platform.ToCode(), c.PageId) { [column] = SubscriberSlots.Format(metricDay, c.Subscribers) })
            .ToList();
        foreach (var chunk in entities.Chunk(MaxTransactionSize))
        {
            try
            {
                await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404)
            {
                // A page left the registry since the run was planned; the others still get their count.
                await SaveEachAsync(chunk, cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<RegistryEntry>> ListWithHistoryAsync(bool withHistory, CancellationToken cancellationToken)
    {
        var entries = new List<RegistryEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(select: withHistory ? null : RegisteredPageEntity.Columns, cancellationToken: cancellationToken))
        {
            entries.Add(new RegistryEntry(ToPage(entity), withHistory ? SubscriberSlots.Read(entity) : EmptyHistory));
        }

        return entries.OrderBy(entry => entry.Page.Platform).ThenBy(entry => entry.Page.PageId, StringComparer.Ordinal).ToList();
    }

    private static readonly IReadOnlyDictionary<DateOnly, long> EmptyHistory = new Dictionary<DateOnly, long>();

    public async Task<RegisteredPage?> GetAsync(PageKey key, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(key.Platform.ToCode(), key.PageId, RegisteredPageEntity.Columns, cancellationToken);
        return response.HasValue ? ToPage(response.Value!) : null;
    }

    /// <summary>
    /// Inserts pages or updates what analysts registered (screen name, region, kind, municipality, organisation), in transactions of up to 100 per platform.
    /// A merge: what collection learnt about a page's availability stays. Idempotent.
    /// </summary>
    public Task UpsertAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken) =>
        SubmitAsync(pages.Select(page => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(page))), cancellationToken);

    /// <summary>
    /// Records what collection learnt: the reason and next check of pages with <see cref="RegisteredPage.Unavailable"/> set,
    /// cleared for pages without it. Only those columns change (what analysts registered stays as it is now, not as the
    /// run planned it), and a page deleted from the registry meanwhile stays deleted. Idempotent.
    /// </summary>
    public Task SaveAvailabilityAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken) =>
        SaveEachAsync(pages.Select(page => WithAvailability(new TableEntity(page.Platform.ToCode(), page.PageId), page.Unavailable)), cancellationToken);

    /// <summary>
    /// Sets the municipality, organisation id and organisation name of pages already registered (a registry file that brings them for
    /// pages registered without them); nothing else of the rows changes, and a page removed from the registry meanwhile stays removed.
    /// Idempotent.
    /// </summary>
    public Task SaveAffiliationsAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken) =>
        SaveEachAsync(pages.Select(page => WithAffiliation(new TableEntity(page.Platform.ToCode(), page.PageId), page)), cancellationToken);

    /// <summary>Merges each entity into its existing row; a row removed from the registry since the run was planned stays removed.</summary>
    private async Task SaveEachAsync(IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var entity in entities)
        {
            try
            {
                await Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Removed from the registry since the run was planned: nothing to record.
            }
        }
    }

    private async Task SubmitAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var partition in actions.GroupBy(action => action.Entity.PartitionKey))
        {
            // A transaction may not touch one entity twice: the last word on a page wins.
            var distinct = partition.GroupBy(action => action.Entity.RowKey).Select(same => same.Last());
            foreach (var chunk in distinct.Chunk(MaxTransactionSize))
            {
                await Table.SubmitTransactionAsync(chunk, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Only what analysts register: merged, so the availability columns collection wrote stay. The optional columns are written empty
    /// when absent, so that re-registering a page without them clears them (a merge cannot remove a column).
    /// </summary>
    private static TableEntity ToEntity(RegisteredPage page) => WithAffiliation(
        new TableEntity(page.Platform.ToCode(), page.PageId)
        {
            [nameof(RegisteredPageEntity.ScreenName)] = page.ScreenName,
            [nameof(RegisteredPageEntity.RegionCode)] = page.RegionCode,
            [nameof(RegisteredPageEntity.Kind)] = page.Kind.ToCode(),
        },
        page);

    /// <summary>The optional columns, written empty when absent (a merge cannot remove a column).</summary>
    private static TableEntity WithAffiliation(TableEntity entity, RegisteredPage page)
    {
        entity[nameof(RegisteredPageEntity.Municipality)] = page.Municipality ?? "";
        entity[nameof(RegisteredPageEntity.OrganisationId)] = page.OrganisationId ?? "";
        entity[nameof(RegisteredPageEntity.OrganisationName)] = page.OrganisationName ?? "";
        return entity;
    }

    /// <summary>The availability columns; a merge with empty ones clears an earlier failure (a merge cannot remove columns).</summary>
    private static TableEntity WithAvailability(TableEntity entity, PageUnavailability? unavailable)
    {
        entity[nameof(RegisteredPageEntity.UnavailableReason)] = unavailable?.Reason ?? "";
        entity[nameof(RegisteredPageEntity.UnavailableSince)] = unavailable is null ? "" : Day(unavailable.Since);
        entity[nameof(RegisteredPageEntity.LastFailedOn)] = unavailable is null ? "" : Day(unavailable.LastFailedOn);
        entity[nameof(RegisteredPageEntity.RecheckOn)] = unavailable is null ? "" : Day(unavailable.RecheckOn);
        entity[nameof(RegisteredPageEntity.Failures)] = unavailable?.Failures ?? 0;
        return entity;
    }

    private static PageUnavailability? ReadAvailability(TableEntity entity) =>
        entity.GetString(nameof(RegisteredPageEntity.UnavailableReason)) is { Length: > 0 } reason
        && TryDay(entity.GetString(nameof(RegisteredPageEntity.UnavailableSince)), out var since)
        && TryDay(entity.GetString(nameof(RegisteredPageEntity.LastFailedOn)), out var lastFailed)
        && TryDay(entity.GetString(nameof(RegisteredPageEntity.RecheckOn)), out var recheck)
            ? new PageUnavailability(reason, since, lastFailed, recheck, entity.GetInt32(nameof(RegisteredPageEntity.Failures)) ?? 1)
            : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static RegisteredPage ToPage(TableEntity entity)
    {
        if (!EnumCodes.TryParse<Platform>(entity.PartitionKey, out var platform)
            || !EnumCodes.TryParse<OrganisationKind>(entity.GetString(nameof(RegisteredPageEntity.Kind)), out var kind))
        {
            throw new InvalidDataException($"Registry row {entity.PartitionKey}/{entity.RowKey} has an unknown platform or kind.");
        }

        return new RegisteredPage(
            platform,
            entity.RowKey,
            entity.GetString(nameof(RegisteredPageEntity.ScreenName)) ?? "",
            entity.GetInt32(nameof(RegisteredPageEntity.RegionCode)) ?? 0,
            kind,
            ReadAvailability(entity))
        {
            Municipality = NullIfEmpty(entity.GetString(nameof(RegisteredPageEntity.Municipality))),
            OrganisationId = NullIfEmpty(entity.GetString(nameof(RegisteredPageEntity.OrganisationId))),
            OrganisationName = NullIfEmpty(entity.GetString(nameof(RegisteredPageEntity.OrganisationName))),
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>
/// The columns of a row of table <c>pages</c>: property names are the column names. Written in parts by merges (see
/// <see cref="PageRegistry"/>); the subscriber slots beside them are named by <see cref="SubscriberSlots"/>.
/// </summary>
internal sealed class RegisteredPageEntity : ITableEntity
{
    /// <summary>Every column of a page but its subscriber slots (what a query selects when it does not need them).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        nameof(PartitionKey), nameof(RowKey), nameof(ScreenName), nameof(RegionCode), nameof(Kind), nameof(Municipality), nameof(OrganisationId), nameof(OrganisationName),
        nameof(UnavailableReason), nameof(UnavailableSince), nameof(LastFailedOn), nameof(RecheckOn), nameof(Failures),
    ];

    /// <summary>The platform code.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The page id.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? ScreenName { get; set; }

    public int? RegionCode { get; set; }

    public string? Kind { get; set; }

    /// <summary>The municipal district or city okrug; empty or absent for regional bodies (and rows registered before the column).</summary>
    public string? Municipality { get; set; }

    /// <summary>The id linking the organisation's pages across platforms; empty or absent when unlinked.</summary>
    public string? OrganisationId { get; set; }

    public string? OrganisationName { get; set; }

    public string? UnavailableReason { get; set; }

    /// <summary>yyyy-MM-dd, or empty when the page is available.</summary>
    public string? UnavailableSince { get; set; }

    public string? LastFailedOn { get; set; }

    public string? RecheckOn { get; set; }

    public int? Failures { get; set; }
}
