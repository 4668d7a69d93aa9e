using Azure.Data.Tables;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;

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
                if (await Table.TryAddAsync(new TableEntity(platform, credential) { [NextSlotColumn] = (now + interval).UtcTicks }, cancellationToken))
                {
                    return now;
                }

                continue;
            }

            var row = existing.Value!;
            var next = new DateTimeOffset(row.GetInt64(NextSlotColumn) ?? 0, TimeSpan.Zero);
            var slot = next > now ? next : now;
            row[NextSlotColumn] = (slot + interval).UtcTicks;
            if (await Table.TryReplaceAsync(row, cancellationToken))
            {
                return slot;
            }

            // Another instance reserved in between: read again.
        }
    }
}
