using Azure;
using Azure.Data.Tables;
using GosAnalytics.Storage;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Send times of a rate-limited credential, handed out across every process that shares the storage account: on Flex
/// Consumption the collect function runs on several instances at once, and each instance's own pacer knows only its own sends.
/// One row per credential (table <c>rateslots</c>) holds the next free send time; a reservation moves it on by one interval
/// under an ETag, so two instances never get the same time.
/// </summary>
internal sealed class SharedRateLedger(StorageClients clients, TimeProvider clock)
{
    private const string NextSlotColumn = "NextSlotUtcTicks";

    private TableClient Table => clients.Table(StorageNames.RateSlotsTable);

    /// <summary>Reserves the next send time of <paramref name="credential"/> (a name, never the secret itself); the caller sends at that time.</summary>
    public async Task<DateTimeOffset> ReserveAsync(string platform, string credential, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(platform, credential, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                try
                {
                    await Table.AddEntityAsync(new TableEntity(platform, credential) { [NextSlotColumn] = (now + interval).UtcTicks }, cancellationToken);
                    return now;
                }
                catch (RequestFailedException exception) when (exception.Status == 409)
                {
                    continue;
                }
            }

            var row = existing.Value!;
            var next = new DateTimeOffset(row.GetInt64(NextSlotColumn) ?? 0, TimeSpan.Zero);
            var slot = next > now ? next : now;
            row[NextSlotColumn] = (slot + interval).UtcTicks;
            try
            {
                await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return slot;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Another instance reserved in between: read again.
            }
        }
    }
}
