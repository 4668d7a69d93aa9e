using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Tests.Training;

internal static class SyntheticData
{
    /// <summary>
    /// Pages of very different audiences whose posts do better with photos and a question to readers, worse as long
    /// officialese: the content effect the label should carry whatever the page's size.
    /// </summary>
    public static IEnumerable<PostOutcome> Pages(int pages, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        for (var page = 0; page < pages; page++)
        {
            var views = (long)Math.Pow(10, 2 + (random.NextDouble() * 3));
            var baseRate = 0.01 + (random.NextDouble() * 0.04);
            for (var post = 0; post < 20; post++)
            {
                var photos = random.Next(0, 3);
                var asks = random.NextDouble() < 0.4;
                var officialese = random.NextDouble() < 0.3;
                var text = officialese
                    ? "В соответствии с утверждённым регламентом осуществления мероприятий по обеспечению реализации государственной программы информируем о нижеследующем."
                    : asks ? "Друзья, в субботу открываем новый сквер! Придёте на праздник?" : "Открыли новый сквер у школы.";
                var effect = Math.Exp((0.35 * photos) + (asks ? 0.5 : 0) - (officialese ? 0.6 : 0) + (0.15 * (random.NextDouble() - 0.5)));
                var likes = (long)Math.Round(views * baseRate * effect);
                var content = new PostContent(text, photos, 0, 0, 0, 0, 0, IsRepost: false, IsBroadcast: false, start.AddHours((post * 13) + page));
                yield return new PostOutcome($"vk_{page}", $"{post:D3}", content, views, likes, 0, 0);
            }
        }
    }
}
