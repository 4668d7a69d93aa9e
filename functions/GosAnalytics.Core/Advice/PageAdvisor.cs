using System.Globalization;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Core.Scoring;

namespace GosAnalytics.Core.Advice;

/// <summary>How much an advice item weighs: <c>high</c> first.</summary>
public enum AdviceSeverity
{
    High,
    Medium,
    Low,
}

/// <summary>
/// One thing to fix on a page: the index component it raises, what was measured (<paramref name="Topic"/>: a metric such as
/// <c>postsPerWeek</c> or a requirement such as <c>governmentLabel</c>), the page's value and the peer group's median (or, for a
/// requirement, the share of peers meeting it; for content traits, the value of the group's best quarter), and the advice in Russian.
/// </summary>
public sealed record AdviceItem(string Component, string Topic, double? PageValue, double? PeerValue, AdviceSeverity Severity, string Text);

/// <summary>A page's advice: the peer group it is compared with, the group's component medians, and the items, most severe first.</summary>
public sealed record PageAdvice(string PeerGroup, int PeerPages, IReadOnlyDictionary<string, double> PeerComponents, IReadOnlyList<AdviceItem> Items);

/// <summary>
/// "Why, and what to fix": compares a page's components and metrics with its peer group's medians and words what falls short, from
/// the page's own numbers. The rules and thresholds are in docs/metrics.md §11; the norms are the index's own
/// (<see cref="IndexOptions"/>), so advice and score never disagree on what "enough" is.
/// </summary>
public sealed class PageAdvisor(IndexOptions options)
{
    /// <summary>A peer-percentile component this many points under the group's median is worth an item.</summary>
    public const double ComponentGap = 10;

    /// <summary>
    /// A peer-ranked metric (ER, reach) is called out only when the page's value is under this share of the group's median too: a
    /// percentile can fall 10 points on a difference nobody would act on (11 % against 12 %).
    /// </summary>
    public const double MetricShareOfMedian = 0.85;

    /// <summary>A component under this is "high" severity.</summary>
    public const double PoorScore = 25;

    /// <summary>Answering under this share of citizens' comments is always worth an item, and a severe one.</summary>
    public const double MinAnsweredShare = 0.5;

    /// <summary>
    /// Fewest posts in the period whose ER and reach are judged: the metrics are medians over posts, and a median of three is the
    /// first that one post alone cannot set (of two it is their mean). It is also the weekly posting norm's default.
    /// </summary>
    public const int MinPostsForEngagement = 3;

    /// <summary>
    /// Fewest posts in the period whose content (its score and traits) is judged: the smallest sample in which one post alone cannot
    /// move the media share across <see cref="MediaShareGap"/> (1 ÷ 5 = the gap), and whose medians of officialese and reading
    /// ease hold against two odd posts.
    /// </summary>
    public const int MinPostsForContent = 5;

    /// <summary>
    /// Fewest citizens' comments whose answered share or answer time makes a "high" item on its own: one or two comments are real
    /// and worth answering (the item stays), but say little about how the page answers, so they weigh "medium".
    /// </summary>
    public const int MinCommentsForSevere = 3;

    /// <summary>An officialese share above this, and above 1.5 × the best quarter's + 2 points, is called out.</summary>
    public const double OfficialeseShare = 0.10;

    /// <summary>Reading ease this many points under the best quarter's is called out.</summary>
    public const double ReadabilityGap = 15;

    /// <summary>A share of posts with photo or video this far under the best quarter's is called out.</summary>
    public const double MediaShareGap = 0.20;

    /// <summary>ru-RU with the minus sign «−» that Russian typography uses for a negative number, not the culture's hyphen-minus.</summary>
    private static readonly CultureInfo Russian = WithMinusSign(CultureInfo.GetCultureInfo("ru-RU"));

    private const string Nbsp = "\u00A0";

    private readonly IndexOptions options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The advice for <paramref name="entry"/> in <paramref name="period"/>, against <paramref name="peer"/> (its group's benchmark).</summary>
    public PageAdvice Advise(RankingEntry entry, Period period, PeerBenchmark peer)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(peer);
        var items = new List<AdviceItem>();
        Requirements(entry, peer, items);
        Activity(entry, period, peer, items);
        Responsiveness(entry, peer, items);
        // Without posts, engagement, reach and content are 0 because nothing was published: the posting item says it all. With a
        // few posts they are judged on too small a sample: one item says so instead of findings one post could have made.
        var posts = entry.Metrics.Posts;
        if (posts >= MinPostsForEngagement)
        {
            Engagement(entry, peer, items);
            Reach(entry, peer, items);
        }

        if (posts >= MinPostsForContent)
        {
            Content(entry, peer, items);
        }

        if (posts > 0)
        {
            SmallSample(entry, period, items);
        }

        Growth(entry, period, peer, items);
        return new PageAdvice(
            peer.PeerGroup,
            peer.Pages,
            peer.Components,
            [.. items.Select((item, order) => (item, order)).OrderBy(x => x.item.Severity).ThenBy(x => x.order).Select(x => x.item)]);
    }

    private static void Requirements(RankingEntry entry, PeerBenchmark peer, List<AdviceItem> items)
    {
        if (entry.Profile is not { } checks)
        {
            return;
        }

        foreach (var requirement in checks.Applying.Where(r => checks.Meets(r) == false))
        {
            var share = peer.Requirements.TryGetValue(requirement.ToCode(), out var s) ? s : (double?)null;
            var (text, pronoun, severity) = requirement switch
            {
                ProfileRequirement.GovernmentLabel => ("нет метки «Госорганизация»", "она есть", AdviceSeverity.High),
                ProfileRequirement.Description => ("не заполнено описание страницы", "оно есть", AdviceSeverity.Medium),
                ProfileRequirement.Avatar => ("нет аватара", "он есть", AdviceSeverity.Medium),
                ProfileRequirement.Contacts => ("не указаны контакты (телефон, e-mail или контактное лицо)", "они есть", AdviceSeverity.Medium),
                _ => ("нет ссылки на официальный сайт", "она есть", AdviceSeverity.Medium),
            };
            var peers = share is { } known ? $" — у похожих страниц {pronoun} у {Percent(known)}" : "";
            items.Add(new AdviceItem(IndexComponents.Compliance, requirement.ToCode(), 0, share, severity, text + peers));
        }
    }

    private void Activity(RankingEntry entry, Period period, PeerBenchmark peer, List<AdviceItem> items)
    {
        var norm = options.PostingNormPerWeek;
        var perWeek = entry.Metrics.PostsPerWeek;
        if (perWeek >= norm)
        {
            return;
        }

        var peers = $" (у похожих страниц — {Number(peer.Metrics.PostsPerWeek)})";
        var text = entry.Metrics.Posts == 0
            ? $"{SpanOf(period)} нет ни одного поста при норме {Number(norm)} в неделю{peers}"
            : $"{Number(perWeek)} {PostsWord(perWeek)} в неделю при норме {Number(norm)}{peers}";
        var severity = perWeek < norm / 2 ? AdviceSeverity.High : AdviceSeverity.Medium;
        items.Add(new AdviceItem(IndexComponents.Activity, "postsPerWeek", Math.Round(perWeek, 2), peer.Metrics.PostsPerWeek, severity, text));
    }

    private void Responsiveness(RankingEntry entry, PeerBenchmark peer, List<AdviceItem> items)
    {
        var m = entry.Metrics;
        if (m.CitizenComments <= 0 || !entry.Components.TryGetValue(IndexComponents.Responsiveness, out var score))
        {
            return;
        }

        var share = m.AnsweredShare ?? 0;
        var slow = m.MedianAnswerHours is { } hours && hours >= options.AnswerTimeLimitHours;
        var below = peer.Components.TryGetValue(IndexComponents.Responsiveness, out var median) && score < median - ComponentGap;
        if (share >= MinAnsweredShare && !slow && !below)
        {
            return;
        }

        var peerShare = peer.Metrics.AnsweredShare;
        var peerHours = peer.Metrics.MedianAnswerHours;
        var peers = peerShare is null ? "" : peerHours is { } ph ? $" (у похожих страниц: {Percent(peerShare.Value)}, {Hours(ph)})" : $" (у похожих страниц: {Percent(peerShare.Value)})";
        var text = m.MedianAnswerHours is { } h ? $"ответы на {Percent(share)} комментариев граждан, медиана {Hours(h)}{peers}"
            : m.CitizenComments == 1 ? $"нет ответа на комментарий гражданина{peers}"
            : $"нет ответа ни на один из {m.CitizenComments.ToString(Russian)} {Plural(m.CitizenComments, "комментария", "комментариев", "комментариев")} граждан{peers}";
        var severity = (share < MinAnsweredShare || slow) && m.CitizenComments >= MinCommentsForSevere ? AdviceSeverity.High : AdviceSeverity.Medium;
        items.Add(new AdviceItem(IndexComponents.Responsiveness, "answeredShare", Math.Round(share, 4), peerShare, severity, text));
    }

    private static void Engagement(RankingEntry entry, PeerBenchmark peer, List<AdviceItem> items)
    {
        if (Below(entry, peer, IndexComponents.Engagement) is not { } score || entry.Metrics.ErViews is not { } er
            || (peer.Metrics.ErViews is { } peerEr && er >= MetricShareOfMedian * peerEr))
        {
            return;
        }

        var peers = peer.Metrics.ErViews is { } median ? $" против {Percent(median)} у похожих страниц" : "";
        items.Add(new AdviceItem(
            IndexComponents.Engagement, "erViews", er, peer.Metrics.ErViews, SeverityOf(score),
            $"посты мало обсуждают и лайкают: ER по просмотрам {Percent(er)}{peers}"));
    }

    private static void Reach(RankingEntry entry, PeerBenchmark peer, List<AdviceItem> items)
    {
        if (Below(entry, peer, IndexComponents.Reach) is not { } score || entry.Metrics.ReachRate is not { } reach
            || (peer.Metrics.ReachRate is { } peerReach && reach >= MetricShareOfMedian * peerReach))
        {
            return;
        }

        var peers = peer.Metrics.ReachRate is { } median ? $" против {Percent(median)} у похожих страниц" : "";
        items.Add(new AdviceItem(
            IndexComponents.Reach, "reachRate", reach, peer.Metrics.ReachRate, SeverityOf(score),
            $"пост видят {Percent(reach)} подписчиков{peers}"));
    }

    private static void Content(RankingEntry entry, PeerBenchmark peer, List<AdviceItem> items)
    {
        if (Below(entry, peer, IndexComponents.ContentQuality) is not { } score)
        {
            return;
        }

        var severity = SeverityOf(score);
        var best = peer.BestTraits ?? peer.Traits;
        var own = entry.ContentTraits;
        var explained = false;
        if (own?.BureaucraticShare is { } b && best?.BureaucraticShare is { } bb && b > OfficialeseShare && b > (1.5 * bb) + 0.02)
        {
            items.Add(new AdviceItem(IndexComponents.ContentQuality, "bureaucraticShare", b, bb, severity,
                $"тексты канцелярские: доля канцеляризмов {Percent(b)} против {Percent(bb)} у лучших"));
            explained = true;
        }

        if (own?.Readability is { } r && best?.Readability is { } br && r < br - ReadabilityGap)
        {
            items.Add(new AdviceItem(IndexComponents.ContentQuality, "readability", r, br, severity,
                $"тексты трудно читать: индекс читаемости {Number(r)} против {Number(br)} у лучших (чем выше, тем проще)"));
            explained = true;
        }

        if (own?.MediaShare is { } media && best?.MediaShare is { } bm && media < bm - MediaShareGap)
        {
            items.Add(new AdviceItem(IndexComponents.ContentQuality, "mediaShare", media, bm, severity, media == 0
                ? $"ни в одном посте нет фото или видео, а у лучших — в {Percent(bm)} постов"
                : $"фото или видео лишь в {Percent(media)} постов против {Percent(bm)} у лучших"));
            explained = true;
        }

        if (!explained)
        {
            var median = peer.Components[IndexComponents.ContentQuality];
            items.Add(new AdviceItem(IndexComponents.ContentQuality, "contentQuality", score, median, severity,
                $"посты слабее, чем у похожих страниц: качество контента {Number(score)} из 100 при медиане {Number(median)}"));
        }
    }

    /// <summary>
    /// With posts, but fewer than <see cref="MinPostsForContent"/>: what the sample is too small to judge, among the components the
    /// page has (MAX has no engagement) — so that an empty list never reads as "nothing to improve" on two posts.
    /// </summary>
    private static void SmallSample(RankingEntry entry, Period period, List<AdviceItem> items)
    {
        var posts = entry.Metrics.Posts;
        var unjudged = new List<string>();
        foreach (var (component, minimum, name) in new[]
        {
            (IndexComponents.Engagement, MinPostsForEngagement, "вовлечённости"),
            (IndexComponents.Reach, MinPostsForEngagement, "охвате"),
            (IndexComponents.ContentQuality, MinPostsForContent, "текстах"),
        })
        {
            if (posts < minimum && entry.Components.ContainsKey(component))
            {
                unjudged.Add(name);
            }
        }

        if (unjudged.Count == 0)
        {
            return;
        }

        var what = unjudged.Count == 1 ? unjudged[0] : string.Join(", ", unjudged[..^1]) + " и " + unjudged[^1];
        var about = what[0] == 'о' ? "об" : "о"; // «об охвате», «о вовлечённости»
        items.Add(new AdviceItem(IndexComponents.Activity, "posts", posts, null, AdviceSeverity.Low,
            $"{SpanOf(period).ToLower(Russian)} {posts.ToString(Russian)} {PostsWord(posts)} — мало, чтобы судить {about} {what}"));
    }

    private static void Growth(RankingEntry entry, Period period, PeerBenchmark peer, List<AdviceItem> items)
    {
        if (Below(entry, peer, IndexComponents.Growth) is null || entry.Metrics.SubscriberGrowth is not { } growth)
        {
            return;
        }

        var change = growth < 0 ? $"подписчиков стало меньше на {Percent(-growth)}" : $"подписчиков прибавилось лишь {Percent(growth)}";
        var peers = peer.Metrics.SubscriberGrowth is { } median ? $" (у похожих страниц: {Signed(median)})" : "";
        items.Add(new AdviceItem(IndexComponents.Growth, "subscriberGrowth", growth, peer.Metrics.SubscriberGrowth, AdviceSeverity.Low,
            $"{change} {SpanOf(period).ToLower(Russian)}{peers}"));
    }

    /// <summary>The page's score of a peer-ranked component when it is <see cref="ComponentGap"/> or more under the group's median.</summary>
    private static double? Below(RankingEntry entry, PeerBenchmark peer, string component) =>
        entry.Components.TryGetValue(component, out var score) && peer.Components.TryGetValue(component, out var median) && score <= median - ComponentGap
            ? score
            : null;

    private static AdviceSeverity SeverityOf(double score) => score < PoorScore ? AdviceSeverity.High : AdviceSeverity.Medium;

    private static string SpanOf(Period period) => period switch
    {
        Period.Day => "За день",
        Period.Week => "За неделю",
        _ => $"За {period.Days().ToString(Russian)} дней",
    };

    /// <summary>A share as Russian percent: whole percent from 10 %, one decimal below it (0,8 %).</summary>
    internal static string Percent(double fraction)
    {
        var percent = fraction * 100;
        var text = Math.Abs(percent) >= 10 ? Math.Round(percent).ToString("0", Russian) : Math.Round(percent, 1).ToString("0.#", Russian);
        return text + Nbsp + "%";
    }

    private static string Signed(double fraction) => (fraction > 0 ? "+" : fraction < 0 ? "−" : "") + Percent(Math.Abs(fraction));

    internal static string Number(double value) => Math.Round(value, 1).ToString("0.#", Russian);

    private static CultureInfo WithMinusSign(CultureInfo culture)
    {
        var copy = (CultureInfo)culture.Clone();
        copy.NumberFormat.NegativeSign = "\u2212";
        return CultureInfo.ReadOnly(copy);
    }

    internal static string Hours(double hours) =>
        hours < 1 ? Math.Round(hours * 60).ToString("0", Russian) + Nbsp + "мин"
        : (hours >= 10 ? Math.Round(hours).ToString("0", Russian) : Math.Round(hours, 1).ToString("0.#", Russian)) + Nbsp + "ч";

    /// <summary>«пост» after a number: 1 пост, 2 поста, 5 постов; a fraction takes «поста» (2,5 поста).</summary>
    internal static string PostsWord(double value) =>
        Math.Round(value, 1) != Math.Round(value) ? "поста" : Plural((long)Math.Round(value), "пост", "поста", "постов");

    internal static string Plural(long n, string one, string few, string many)
    {
        var n10 = n % 10;
        var n100 = n % 100;
        return n10 == 1 && n100 != 11 ? one : n10 is >= 2 and <= 4 && (n100 < 12 || n100 > 14) ? few : many;
    }
}
