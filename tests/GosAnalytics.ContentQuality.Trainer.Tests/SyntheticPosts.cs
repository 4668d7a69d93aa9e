using System.Globalization;
using System.Text;

namespace GosAnalytics.ContentQuality.Trainer.Tests;

/// <summary>
/// Small CSV files in the trainer's formats: pages of very different audiences whose posts do better with photos and a
/// question to readers and worse as officialese, so that a few trees learn something measurable in a second.
/// </summary>
internal static class SyntheticPosts
{
    public const string PostHeader = "pageKey,postId,publishedAt,text,photos,videos,links,documents,polls,other,isRepost,isBroadcast";

    private const string Officialese = "В соответствии с утверждённым регламентом осуществления мероприятий по обеспечению реализации государственной программы информируем о нижеследующем.";
    private const string Question = "Друзья, в субботу открываем новый сквер! Придёте на праздник?";
    private const string Plain = "Открыли новый сквер у школы.";

    /// <summary>Collected outcomes: header <see cref="PostHeader"/> plus views, likes, reposts, comments.</summary>
    public static string OutcomesCsv(int pages = 40, int postsPerPage = 20, int seed = 1) =>
        Build(pages, postsPerPage, seed, ",views,likes,reposts,comments", (views, likes, _) =>
            string.Create(CultureInfo.InvariantCulture, $"{views},{likes},0,0"));

    /// <summary>Expert marks from 1 to 5 that follow the same content effect.</summary>
    public static string ExpertCsv(int pages = 30, int postsPerPage = 20, int seed = 2) =>
        Build(pages, postsPerPage, seed, ",label", (_, _, effect) =>
            Math.Clamp(Math.Round(3 + (2 * Math.Log(effect)), 1), 1, 5).ToString("0.0", CultureInfo.InvariantCulture));

    private static string Build(int pages, int postsPerPage, int seed, string extraHeader, Func<long, long, double, string> extra)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(PostHeader).Append(extraHeader).Append('\n');
        var start = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        for (var page = 0; page < pages; page++)
        {
            var views = (long)Math.Pow(10, 2 + (random.NextDouble() * 3));
            var baseRate = 0.01 + (random.NextDouble() * 0.04);
            for (var post = 0; post < postsPerPage; post++)
            {
                var photos = random.Next(0, 3);
                var asks = random.NextDouble() < 0.4;
                var officialese = random.NextDouble() < 0.3;
                var text = officialese ? Officialese : asks ? Question : Plain;
                var effect = Math.Exp((0.35 * photos) + (asks ? 0.5 : 0) - (officialese ? 0.6 : 0) + (0.15 * (random.NextDouble() - 0.5)));
                var likes = (long)Math.Round(views * baseRate * effect);
                var publishedAt = start.AddHours((post * 13) + page).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"vk_{page},{post:D3},{publishedAt},\"{text}\",{photos},0,0,0,0,0,false,false,")
                    .Append(extra(views, likes, effect)).Append('\n');
            }
        }

        return csv.ToString();
    }
}
