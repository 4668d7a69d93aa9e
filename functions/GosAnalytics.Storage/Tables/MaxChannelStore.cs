using Azure;
using Azure.Data.Tables;

namespace GosAnalytics.Storage.Tables;

/// <summary>
/// Table <c>maxchannels</c>: one row per MAX chat the bot was added to (partition <see cref="MaxChannelEntity.Partition"/>, row key
/// the chat id), and the long-poll marker (partition <see cref="MaxPollMarkerEntity.Partition"/>). Every write that depends on a
/// read goes through an ETag (<see cref="OptimisticWrites"/>); the caller reads again when another writer got there first.
/// </summary>
public sealed class MaxChannelStore(StorageClients clients)
{
    private TableClient Table => clients.Table(StorageNames.MaxChannelsTable);

    public async Task<MaxChannelEntity?> GetAsync(long chatId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<MaxChannelEntity>(MaxChannelEntity.Partition, MaxChannelEntity.RowKeyOf(chatId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds a chat nobody recorded yet; false when the row exists already.</summary>
    public Task<bool> TryAddAsync(MaxChannelEntity channel, CancellationToken cancellationToken) => Table.TryAddAsync(channel, cancellationToken);

    /// <summary>Replaces a chat's row if nobody changed it since it was read; false on an ETag conflict.</summary>
    public Task<bool> TryReplaceAsync(MaxChannelEntity channel, CancellationToken cancellationToken) => Table.TryReplaceAsync(channel, cancellationToken);

    /// <summary>Every recorded chat (one partition: the bot's chats are thousands at most, not the registry's 130,000 pages).</summary>
    public async Task<IReadOnlyList<MaxChannelEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var channels = new List<MaxChannelEntity>();
        await foreach (var channel in Table.QueryAsync<MaxChannelEntity>(c => c.PartitionKey == MaxChannelEntity.Partition, cancellationToken: cancellationToken))
        {
            channels.Add(channel);
        }

        return channels;
    }

    /// <summary>The long-poll marker row (with its ETag), or null before the first poll stored one.</summary>
    public async Task<MaxPollMarkerEntity?> GetMarkerAsync(CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<MaxPollMarkerEntity>(MaxPollMarkerEntity.Partition, MaxPollMarkerEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Stores the marker read with <paramref name="read"/> (null: there was none): false when another poll stored one meanwhile,
    /// whose marker then stands.
    /// </summary>
    public Task<bool> TrySaveMarkerAsync(MaxPollMarkerEntity? read, long marker, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        var entity = new MaxPollMarkerEntity { Marker = marker, SavedAt = savedAt, ETag = read?.ETag ?? default };
        return read is null ? Table.TryAddAsync(entity, cancellationToken) : Table.TryReplaceAsync(entity, cancellationToken);
    }
}

/// <summary>A row of table <c>maxchannels</c>: one MAX chat, the latest bot event applied to it and the operator's decision.</summary>
public sealed class MaxChannelEntity : ITableEntity
{
    public const string Partition = "chat";

    /// <summary>The chat id as text, as the registry stores a MAX page id (<c>-70801090403050</c>).</summary>
    public static string RowKeyOf(long chatId) => chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long ChatId { get; set; }

    /// <summary><c>pending</c>, <c>removed</c>, <c>confirmed</c> or <c>dismissed</c> (the codes of the Pipeline's status enum).</summary>
    public string Status { get; set; } = "";

    public bool IsChannel { get; set; }

    /// <summary>The chat's title when an update or the collector told it; null until then.</summary>
    public string? Title { get; set; }

    /// <summary>The latest event applied: <c>bot_added</c> or <c>bot_removed</c>, when it happened and who did it.</summary>
    public string LastEventType { get; set; } = "";

    public DateTimeOffset LastEventAt { get; set; }

    public long? LastEventUserId { get; set; }

    public string? LastEventUserName { get; set; }

    /// <summary>The latest <c>bot_added</c>: who added the bot and when (null when only a removal is known).</summary>
    public long? AddedByUserId { get; set; }

    public string? AddedByUserName { get; set; }

    public DateTimeOffset? AddedAt { get; set; }

    /// <summary>When the operator confirmed or dismissed the chat, and the region and kind it was registered with.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public int? RegionCode { get; set; }

    public string? Kind { get; set; }
}

/// <summary>The <c>GET /updates</c> marker of the development long-poll: the next poll asks for updates after it.</summary>
public sealed class MaxPollMarkerEntity : ITableEntity
{
    public const string Partition = "poll";
    public const string Row = "updates";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Marker { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}
