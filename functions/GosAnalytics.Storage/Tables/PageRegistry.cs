using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Storage.Tables;

/// <summary>The registry of pages to collect, table <c>pages</c>: partition = platform, row key = page id.</summary>
public sealed class PageRegistry(StorageClients clients)
{
    private const int MaxTransactionSize = 100;

    private TableClient Table => clients.Table(StorageNames.PagesTable);

    /// <summary>All registered pages, ordered by platform then page id so that batching is deterministic.</summary>
    public async Task<IReadOnlyList<RegisteredPage>> ListAsync(CancellationToken cancellationToken)
    {
        var pages = new List<RegisteredPage>();
        await foreach (var entity in Table.QueryAsync<RegisteredPageEntity>(cancellationToken: cancellationToken))
        {
            pages.Add(ToPage(entity));
        }

        return pages.OrderBy(page => page.Platform).ThenBy(page => page.PageId, StringComparer.Ordinal).ToList();
    }

    public async Task<RegisteredPage?> GetAsync(PageKey key, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<RegisteredPageEntity>(key.Platform.ToCode(), key.PageId, cancellationToken: cancellationToken);
        return response.HasValue ? ToPage(response.Value!) : null;
    }

    /// <summary>
    /// Inserts pages or updates what analysts registered (screen name, region, kind), in transactions of up to 100 per platform.
    /// A merge: what collection learnt about a page's availability stays. Idempotent.
    /// </summary>
    public Task UpsertAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken) =>
        SubmitAsync(pages.Select(page => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(page))), cancellationToken);

    /// <summary>
    /// Records what collection learnt: the reason and next check of pages with <see cref="RegisteredPage.Unavailable"/> set,
    /// cleared for pages without it. Only those columns change (what analysts registered stays as it is now, not as the
    /// run planned it), and a page deleted from the registry meanwhile stays deleted. Idempotent.
    /// </summary>
    public async Task SaveAvailabilityAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            var entity = WithAvailability(new TableEntity(page.Platform.ToCode(), page.PageId), page.Unavailable);
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

    /// <summary>Only what analysts register: merged, so the availability columns collection wrote stay.</summary>
    private static TableEntity ToEntity(RegisteredPage page) => new(page.Platform.ToCode(), page.PageId)
    {
        [nameof(RegisteredPageEntity.ScreenName)] = page.ScreenName,
        [nameof(RegisteredPageEntity.RegionCode)] = page.RegionCode,
        [nameof(RegisteredPageEntity.Kind)] = page.Kind.ToCode(),
    };

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

    private static PageUnavailability? ReadAvailability(RegisteredPageEntity entity) =>
        entity.UnavailableReason is { Length: > 0 } reason
        && TryDay(entity.UnavailableSince, out var since)
        && TryDay(entity.LastFailedOn, out var lastFailed)
        && TryDay(entity.RecheckOn, out var recheck)
            ? new PageUnavailability(reason, since, lastFailed, recheck, entity.Failures ?? 1)
            : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static RegisteredPage ToPage(RegisteredPageEntity entity)
    {
        if (!EnumCodes.TryParse<Platform>(entity.PartitionKey, out var platform) || !EnumCodes.TryParse<OrganisationKind>(entity.Kind, out var kind))
        {
            throw new InvalidDataException($"Registry row {entity.PartitionKey}/{entity.RowKey} has an unknown platform or kind.");
        }

        return new RegisteredPage(platform, entity.RowKey, entity.ScreenName ?? "", entity.RegionCode ?? 0, kind, ReadAvailability(entity));
    }
}

/// <summary>A row of table <c>pages</c> as read: property names are the column names. Written in two parts by merges (see <see cref="PageRegistry"/>).</summary>
internal sealed class RegisteredPageEntity : ITableEntity
{
    /// <summary>The platform code.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The page id.</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? ScreenName { get; set; }

    public int? RegionCode { get; set; }

    public string? Kind { get; set; }

    public string? UnavailableReason { get; set; }

    /// <summary>yyyy-MM-dd, or empty when the page is available.</summary>
    public string? UnavailableSince { get; set; }

    public string? LastFailedOn { get; set; }

    public string? RecheckOn { get; set; }

    public int? Failures { get; set; }
}
