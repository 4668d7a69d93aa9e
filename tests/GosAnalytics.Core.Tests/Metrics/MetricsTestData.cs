using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Tests.Metrics;

/// <summary>Builders for metric tests; every time is written in Moscow time so boundaries read naturally.</summary>
internal static class MetricsTestData
{
    /// <summary>The metric day used throughout: Tuesday 10 March 2026 (Moscow).</summary>
    public static readonly DateOnly MetricDay = new(2026, 3, 10);

    private static readonly IReadOnlyDictionary<DateOnly, long> NoHistory = new Dictionary<DateOnly, long>();

    public static IReadOnlyDictionary<DateOnly, long> EmptyHistory => NoHistory;

    /// <summary>An instant given in Moscow time (UTC+3).</summary>
    public static DateTimeOffset Msk(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, MoscowTime.Offset);

    /// <summary>Noon on the metric day: safely inside every period.</summary>
    public static DateTimeOffset MetricDayNoon => Msk(3, 10, 12);

    public static PageInfo Page(
        long subscribers = 2_000,
        bool hasGovernmentLabel = true,
        bool hasDescription = true,
        bool hasAvatar = true) =>
        new(Platform.Vk, "1001", "school1", "Школа № 1", 28, OrganisationKind.Education, hasGovernmentLabel, subscribers, hasDescription, hasAvatar);

    private static int _nextId;

    public static Post Post(
        DateTimeOffset publishedAt,
        long? views,
        long likes = 0,
        long reposts = 0,
        long comments = 0,
        bool isRepost = false) =>
        new($"p{Interlocked.Increment(ref _nextId)}", publishedAt, "Текст", new Dictionary<AttachmentKind, int>(), isRepost, views, likes, reposts, comments);

    /// <summary>A post at noon on the metric day with the given counters.</summary>
    public static Post PostToday(long? views, long likes = 0, long reposts = 0, long comments = 0) =>
        Post(MetricDayNoon, views, likes, reposts, comments);

    public static CitizenComment Comment(DateTimeOffset postedAt, double? answeredAfterHours) =>
        new($"c{Interlocked.Increment(ref _nextId)}", "p0", postedAt, answeredAfterHours is { } h ? postedAt.AddHours(h) : null);

    public static LiveBroadcast Broadcast(DateTimeOffset startedAt, long views, long peak, BroadcastStatus status = BroadcastStatus.Ended) =>
        new($"b{Interlocked.Increment(ref _nextId)}", "Прямой эфир", startedAt, status, views, peak, 3_600);

    public static PageSnapshot Snapshot(
        PageInfo? page = null,
        IReadOnlyList<Post>? posts = null,
        IReadOnlyList<LiveBroadcast>? broadcasts = null,
        IReadOnlyList<CitizenComment>? comments = null) =>
        new(page ?? Page(), posts ?? [], broadcasts ?? [], comments ?? []);
}
