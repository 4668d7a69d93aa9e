using Azure;
using Azure.Data.Tables;
using GosAnalytics.Pipeline.Domain;

namespace GosAnalytics.Pipeline.Storage;

/// <summary>The registry of pages to collect, table <c>pages</c>: partition = platform, row key = page id.</summary>
public sealed class PageRegistry(StorageClients clients)
{
    private const int MaxTransactionSize = 100;

    private TableClient Table => clients.Table(StorageNames.PagesTable);

    /// <summary>All registered pages, ordered by platform then page id so that batching is deterministic.</summary>
    public async Task<IReadOnlyList<RegisteredPage>> ListAsync(CancellationToken cancellationToken)
    {
        var pages = new List<RegisteredPage>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            pages.Add(ToPage(entity));
        }

        return pages.OrderBy(page => page.Platform).ThenBy(page => page.PageId, StringComparer.Ordinal).ToList();
    }

    public async Task<RegisteredPage?> GetAsync(PageKey key, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(key.Platform.ToCode(), key.PageId, cancellationToken: cancellationToken);
        return response.HasValue ? ToPage(response.Value!) : null;
    }

    /// <summary>Inserts or replaces pages, in transactions of up to 100 per platform. Idempotent.</summary>
    public async Task UpsertAsync(IEnumerable<RegisteredPage> pages, CancellationToken cancellationToken)
    {
        foreach (var partition in pages.GroupBy(page => page.Platform))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionSize))
            {
                var actions = chunk.Select(page => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(page)));
                await Table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }

    private static TableEntity ToEntity(RegisteredPage page) => new(page.Platform.ToCode(), page.PageId)
    {
        ["ScreenName"] = page.ScreenName,
        ["RegionCode"] = page.RegionCode,
        ["Kind"] = page.Kind.ToCode(),
    };

    private static RegisteredPage ToPage(TableEntity entity)
    {
        if (!PlatformCodes.TryParse(entity.PartitionKey, out var platform) || !OrganisationKinds.TryParse(entity.GetString("Kind"), out var kind))
        {
            throw new InvalidDataException($"Registry row {entity.PartitionKey}/{entity.RowKey} has an unknown platform or kind.");
        }

        return new RegisteredPage(platform, entity.RowKey, entity.GetString("ScreenName") ?? "", entity.GetInt32("RegionCode") ?? 0, kind);
    }
}
