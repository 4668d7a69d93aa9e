using GosAnalytics.Core.Domain;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.Functions.Api;

/// <summary>Top posts, top broadcasts and unanswered comments as CSV for Russian Excel (<see cref="RussianCsv"/>: the ranking's convention).</summary>
internal static class ContentCsv
{
    private static readonly string[] PageHeaders = ["Платформа", "ID страницы", "Страница", "Ссылка на страницу", "Код региона", "Регион", "Тип организации"];

    private static readonly Dictionary<string, string> AttachmentNames = new(StringComparer.Ordinal)
    {
        ["photo"] = "фото", ["video"] = "видео", ["audio"] = "аудио", ["link"] = "ссылка", ["document"] = "документ", ["poll"] = "опрос", ["other"] = "другое",
    };

    public static StreamedAnswer Posts(TopPostsResponse response) => RussianCsv.Download(
        $"gosanalytics-posts-{response.Run.MetricDay:yyyy-MM-dd}-{response.Period.ToCode()}-{response.Sort.ToCode()}{Scope(response.Region)}.csv",
        ["Место", "ID поста", "Ссылка (url)", "Опубликован (МСК)", "Текст", "Вложения", "Репост", "Просмотры", "Лайки", "Репосты", "Комментарии",
            "Взаимодействия", "ER по просмотрам, %", "Оценка контента моделью (0 — как обычный пост страницы)", .. PageHeaders, "Период", "Дата метрик"],
        response.Page.Items.Select(item => (IReadOnlyList<string>)
        [
            RussianCsv.Number(item.Rank), RussianCsv.Id(item.Post.PostId), item.Url ?? "", RussianCsv.MoscowDateTime(item.Post.PublishedAt), item.Post.TextPreview,
            Attachments(item.Post.Attachments), item.Post.IsRepost ? "да" : "нет", RussianCsv.Number(item.Post.Views), RussianCsv.Number(item.Post.Likes),
            RussianCsv.Number(item.Post.Reposts), RussianCsv.Number(item.Post.Comments), RussianCsv.Number(item.Post.Interactions), RussianCsv.Percent(item.Post.ErViews),
            item.Post.ContentScore is { } score ? RussianCsv.Number(score) : "", .. Page(item.Page), response.Period.RussianName(), RussianCsv.Date(response.Run.MetricDay),
        ]));

    public static StreamedAnswer Broadcasts(TopBroadcastsResponse response) => RussianCsv.Download(
        $"gosanalytics-broadcasts-{response.Run.MetricDay:yyyy-MM-dd}-{response.Period.ToCode()}{Scope(response.Region)}.csv",
        ["Место", "ID эфира", "Ссылка (url)", "Название", "Начало (МСК)", "Статус", "Просмотры", "Зрителей на пике", "Длительность, мин", .. PageHeaders, "Период", "Дата метрик"],
        response.Page.Items.Select(item => (IReadOnlyList<string>)
        [
            RussianCsv.Number(item.Rank), RussianCsv.Id(item.Broadcast.BroadcastId), item.Url ?? "", item.Broadcast.Title, RussianCsv.MoscowDateTime(item.Broadcast.StartedAt),
            item.Broadcast.Status switch { BroadcastStatus.Live => "идёт", BroadcastStatus.Ended => "завершён", _ => "анонс" },
            RussianCsv.Number(item.Broadcast.Views), RussianCsv.Number(item.Broadcast.PeakViewers), RussianCsv.Number(item.Broadcast.DurationSeconds / 60.0),
            .. Page(item.Page), response.Period.RussianName(), RussianCsv.Date(response.Run.MetricDay),
        ]));

    public static StreamedAnswer Unanswered(UnansweredCommentsResponse response) => RussianCsv.Download(
        $"gosanalytics-unanswered-{response.Run.MetricDay:yyyy-MM-dd}{Scope(response.Region)}.csv",
        ["Место", "ID комментария", "ID поста", "Ссылка на пост", "Написан (МСК)", "Ждёт ответа, ч", "Текст", .. PageHeaders, "Дата метрик"],
        response.Page.Items.Select(item => (IReadOnlyList<string>)
        [
            RussianCsv.Number(item.Rank), RussianCsv.Id(item.Comment.CommentId), RussianCsv.Id(item.Comment.PostId), item.Url ?? "",
            RussianCsv.MoscowDateTime(item.Comment.PostedAt), RussianCsv.Number(item.AgeHours), item.Comment.Text ?? "", .. Page(item.Page),
            RussianCsv.Date(response.Run.MetricDay),
        ]));

    /// <summary>«фото ×3, видео», as the dashboard writes them.</summary>
    internal static string Attachments(IReadOnlyDictionary<string, int> attachments) =>
        string.Join(", ", attachments.Select(a => (AttachmentNames.TryGetValue(a.Key, out var name) ? name : a.Key) + (a.Value > 1 ? $" ×{a.Value}" : "")));

    private static string[] Page(Core.Summaries.ContentPage page) =>
    [
        page.Platform.RussianName(), RussianCsv.Id(page.PageId), page.PageName, page.PageUrl ?? "", RussianCsv.Number(page.RegionCode),
        Regions.TryGet(page.RegionCode, out var region) ? region.RussianName : "", page.Kind.RussianName(),
    ];

    private static string Scope(int? region) => region is { } r ? $"-region-{r:D2}" : "";
}
