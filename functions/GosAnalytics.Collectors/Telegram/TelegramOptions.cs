using System.ComponentModel.DataAnnotations;
using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Telegram;

/// <summary>Telegram web-preview collector, configuration section <c>Telegram</c>.</summary>
internal sealed class TelegramOptions : PlatformClientOptions
{
    public const string SectionName = "Telegram";

    public TelegramOptions()
    {
        BaseAddress = new Uri("https://t.me/");
    }

    /// <summary>Pages fetched from t.me per second, shared by all workers of the process (t.me publishes no limit; stay polite).</summary>
    [Range(0.05, 50)]
    public double RequestsPerSecond { get; set; } = 1;

    /// <summary>Preview pages (about 20 posts each) read per channel and run, so that a stuck <c>before=</c> cannot loop.</summary>
    [Range(1, 200)]
    public int MaxPagesPerChannel { get; set; } = 20;
}
