using System.ComponentModel.DataAnnotations;
using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Max;

/// <summary>MAX Bot API collector, configuration section <c>Max</c>. The bot token comes from settings or a Key Vault reference.</summary>
internal sealed class MaxOptions : PlatformClientOptions
{
    public const string SectionName = "Max";

    /// <summary>The setting an operator fixes when MAX refuses the token; named in messages, its value never is.</summary>
    public const string BotTokenSetting = "Max__BotToken";

    public MaxOptions()
    {
        // The old platform-api.max.ru is refused since the move to platform-api2.
        BaseAddress = new Uri("https://platform-api2.max.ru/");
    }

    /// <summary>The bot's access token, sent raw in the <c>Authorization</c> header. Without it MAX pages are skipped with no call.</summary>
    public string? BotToken { get; set; }

    /// <summary>Requests per second of the bot, shared by all workers of the process (MAX allows 30 per bot).</summary>
    [Range(0.1, 30)]
    public double RequestsPerSecond { get; set; } = 30;

    /// <summary>
    /// Share the bot's rate with every instance on the same storage account (table <c>rateslots</c>): on Azure the collect function
    /// scales out, and each instance alone would use the bot's whole rate. Send times are reserved a block at a time
    /// (<see cref="MaxRateGate.SlotsPerReservation"/>), so the table sees two operations per block, not per request.
    /// </summary>
    public bool ShareRateThroughStorage { get; set; } = true;

    /// <summary>
    /// <c>GET /messages</c> pages of 100 posts read per channel and run: a guard against a channel that posts hundreds of times a
    /// month, or an API that ignores <c>before</c>. 10 pages cover 1,000 posts, far more than a government channel posts in 30 days.
    /// </summary>
    [Range(1, 1000)]
    public int MaxPagesPerChannel { get; set; } = 10;

    /// <summary>
    /// The newest posts of the window whose comments are read for the reply metrics. A MAX post does not say whether it has
    /// comments, so each of them costs at least one <c>GET /messages/{mid}/comments</c> call.
    /// </summary>
    [Range(0, 200)]
    public int MaxCommentedPostsPerPage { get; set; } = 30;

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);
}
