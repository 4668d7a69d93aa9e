using System.Globalization;
using Azure.Data.Tables;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Collectors.Vk;

/// <summary>
/// What every instance knows of one VK token, as its shared row says: the Moscow day and <c>wall.get</c> calls reserved that day
/// by all instances together, until when error 29 parked it and a captcha paused it, and the last refusal (5, 27, 28).
/// </summary>
/// <param name="RefusedFingerprint">Which token value was refused (<see cref="VkTokenLedger.Fingerprint"/>), never the value itself.</param>
internal sealed record VkSharedTokenRow(
    DateOnly? Day,
    int WallGetReserved,
    DateTimeOffset ParkedUntil,
    DateTimeOffset PausedUntil,
    int? RefusedCode,
    DateTimeOffset? RefusedAt,
    string? RefusedFingerprint)
{
    public static VkSharedTokenRow Empty { get; } = new(null, 0, DateTimeOffset.MinValue, DateTimeOffset.MinValue, null, null, null);

    /// <summary>
    /// Calls already reserved for <paramref name="day"/>. A row of an earlier day counts nothing (the budget renewed at Moscow
    /// midnight); a row of a later day (another instance's clock is ahead, or this one's behind) leaves nothing of the day before.
    /// </summary>
    public int ReservedOn(DateOnly day, int budget) => Day is not { } rowDay || rowDay < day ? 0 : rowDay == day ? WallGetReserved : budget;
}

/// <summary>What a reservation got: how many calls, and the row as it stood (for the other news it carries).</summary>
internal sealed record VkBudgetReservation(int Granted, VkSharedTokenRow Row);

/// <summary>
/// The state of each VK token that every instance shares through the storage account: one row per token (by its configured
/// name) in table <c>rateslots</c>, partition <see cref="Partition"/>, beside the rate ledger's rows. Every change is a
/// read-modify-write under the row's ETag, so concurrent instances never lose each other's updates: the <c>wall.get</c>
/// calls reserved never pass the budget, and a park, pause or refusal, once written, stays.
/// </summary>
/// <remarks>
/// An instance reserves the budget in chunks (<see cref="ReserveAsync"/>) and spends a chunk locally, so the table sees two
/// operations per chunk, not per request. Times are stored as table DateTimes, so that an operator reads them in any table viewer.
/// </remarks>
internal sealed class VkTokenLedger(StorageClients clients, TimeProvider clock)
{
    /// <summary>Partition of the token rows; the rate ledger's rows of the same tokens are in partition <c>Vk</c>.</summary>
    public const string Partition = "VkTokens";

    private const string DayColumn = "Day";
    private const string ReservedColumn = "WallGetReserved";
    private const string BudgetColumn = "DailyWallGetBudget";
    private const string ParkedColumn = "ParkedUntil";
    private const string PausedColumn = "PausedUntil";
    private const string RefusedCodeColumn = "RefusedCode";
    private const string RefusedAtColumn = "RefusedAt";
    private const string RefusedFingerprintColumn = "RefusedFingerprint";

    /// <summary>A chunk is at most this share of what is left of the day's budget (but at least this share of a full chunk).</summary>
    public const int ShareOfRemainder = 4;

    private TableClient Table => clients.Table(StorageNames.RateSlotsTable);

    /// <summary>
    /// Tells token values apart without storing them: the first 16 hex digits of a SHA-256 of the value. A refusal concerns the
    /// value VK refused; when an operator replaces the value under the same name, the new value's fingerprint differs and the
    /// old refusal no longer applies. A VK token is a long random string, so its hash gives nothing away.
    /// </summary>
    public static string Fingerprint(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("GosAnalytics.VkToken\n" + accessToken));
        return Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>Every token's row in one query: how an instance learns, every few seconds, what the others did.</summary>
    public async Task<IReadOnlyDictionary<string, VkSharedTokenRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, VkSharedTokenRow>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            rows[entity.RowKey] = Read(entity);
        }

        return rows;
    }

    /// <summary>
    /// Reserves <c>wall.get</c> calls of <paramref name="token"/>'s budget for <paramref name="day"/>: at least
    /// <paramref name="atLeast"/>, normally <paramref name="chunk"/>, near the end of the budget a <see cref="ShareOfRemainder"/>th of
    /// what is left (not below a <see cref="ShareOfRemainder"/>th of a chunk), and never past the budget. Grants nothing when the budget cannot give
    /// <paramref name="atLeast"/>, or when the row says the token is parked, paused, or its value (<paramref name="fingerprint"/>) refused.
    /// </summary>
    public async Task<VkBudgetReservation> ReserveAsync(
        string token,
        DateOnly day,
        int budget,
        int atLeast,
        int chunk,
        string fingerprint,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atLeast);
        while (true)
        {
            var entity = await GetOrCreateAsync(token, cancellationToken);
            var row = Read(entity);
            var now = clock.GetUtcNow();
            var remaining = budget - row.ReservedOn(day, budget);
            if (remaining < atLeast || now < row.ParkedUntil || now < row.PausedUntil || row.RefusedFingerprint == fingerprint)
            {
                return new VkBudgetReservation(0, row);
            }

            // Near the end of the budget the chunks shrink, so that an instance that stops needing the token holds little of what
            // others may still need; not below a quarter chunk, so that the end costs a few reservations, not one per call.
            var share = Math.Max(CeilingDivide(remaining, ShareOfRemainder), CeilingDivide(chunk, ShareOfRemainder));
            var granted = Math.Min(remaining, Math.Max(atLeast, Math.Min(chunk, share)));
            entity[DayColumn] = DayText(day);
            entity[ReservedColumn] = row.ReservedOn(day, budget) + granted;
            entity[BudgetColumn] = budget;
            if (await Table.TryReplaceAsync(entity, cancellationToken))
            {
                return new VkBudgetReservation(granted, Read(entity));
            }
        }
    }

    /// <summary>Gives back calls reserved for <paramref name="day"/> that this instance will not spend (it is shutting down).</summary>
    public async Task ReturnAsync(string token, DateOnly day, int calls, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entity = await GetOrCreateAsync(token, cancellationToken);
            var row = Read(entity);
            if (row.Day != day || calls <= 0)
            {
                // A new day has begun: yesterday's reservations no longer count, so there is nothing to give back.
                return;
            }

            entity[ReservedColumn] = Math.Max(0, row.WallGetReserved - calls);
            if (await Table.TryReplaceAsync(entity, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Error 29: every instance leaves the token alone until <paramref name="until"/> (a later park already written stays).</summary>
    public Task ParkAsync(string token, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateAsync(token, entity => Later(entity, ParkedColumn, until), cancellationToken);

    /// <summary>Error 14: every instance leaves the token alone until <paramref name="until"/> (a later pause already written stays).</summary>
    public Task PauseAsync(string token, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateAsync(token, entity => Later(entity, PausedColumn, until), cancellationToken);

    /// <summary>Errors 5, 27, 28: VK refused the value with this fingerprint; every instance that holds the same value drops it.</summary>
    public Task RefuseAsync(string token, int code, string fingerprint, CancellationToken cancellationToken) =>
        UpdateAsync(
            token,
            entity =>
            {
                entity[RefusedCodeColumn] = code;
                entity[RefusedAtColumn] = clock.GetUtcNow();
                entity[RefusedFingerprintColumn] = fingerprint;
                return true;
            },
            cancellationToken);

    private async Task UpdateAsync(string token, Func<TableEntity, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entity = await GetOrCreateAsync(token, cancellationToken);
            if (!change(entity) || await Table.TryReplaceAsync(entity, cancellationToken))
            {
                return;
            }
        }
    }

    private static bool Later(TableEntity entity, string column, DateTimeOffset until)
    {
        if ((entity.GetDateTimeOffset(column) ?? DateTimeOffset.MinValue) >= until)
        {
            return false;
        }

        entity[column] = until;
        return true;
    }

    /// <summary>The token's row; a token never seen before gets an empty one (two instances creating it at once: one wins, both read it).</summary>
    private async Task<TableEntity> GetOrCreateAsync(string token, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, token, cancellationToken: cancellationToken);
            if (existing.HasValue)
            {
                return existing.Value!;
            }

            var created = new TableEntity(Partition, token) { [ReservedColumn] = 0 };
            if (await Table.TryAddAsync(created, cancellationToken))
            {
                return created;
            }

            // Another instance created it in between: read theirs.
        }
    }

    private static VkSharedTokenRow Read(TableEntity entity) => new(
        entity.GetString(DayColumn) is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        entity.GetInt32(ReservedColumn) ?? 0,
        entity.GetDateTimeOffset(ParkedColumn) ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset(PausedColumn) ?? DateTimeOffset.MinValue,
        entity.GetInt32(RefusedCodeColumn),
        entity.GetDateTimeOffset(RefusedAtColumn),
        entity.GetString(RefusedFingerprintColumn));

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int CeilingDivide(int value, int divisor) => (value + divisor - 1) / divisor;
}
