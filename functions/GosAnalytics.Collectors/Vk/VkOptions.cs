using System.ComponentModel.DataAnnotations;
using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Vk;

/// <summary>VK API collector, configuration section <c>Vk</c>. Tokens come from settings or Key Vault references (<c>Vk__Tokens__0__Token</c>).</summary>
internal sealed class VkOptions : PlatformClientOptions
{
    public const string SectionName = "Vk";

    public VkOptions()
    {
        BaseAddress = new Uri("https://api.vk.com/method/");
    }

    /// <summary>The API version every call pins.</summary>
    [Required]
    public string ApiVersion { get; set; } = "5.199";

    /// <summary>The token pool. Service tokens read pages, posts and comments; a user token also reads live broadcasts.</summary>
    public List<VkTokenOptions> Tokens { get; set; } = [];

    /// <summary>Posts read per <c>wall.get</c> call (VK's maximum is 100).</summary>
    [Range(1, 100)]
    public int PostsPerRequest { get; set; } = 100;

    /// <summary>Commented posts per page whose comments are read for the reply metrics, newest first.</summary>
    [Range(0, 200)]
    public int MaxCommentedPostsPerPage { get; set; } = 30;

    /// <summary>Requests one batch has in flight at once (each an <c>execute</c> of up to 25 calls); the token pool still paces them.</summary>
    [Range(1, 32)]
    public int ParallelRequestsPerBatch { get; set; } = 4;

    /// <summary>How long a token rests after VK asks it for a captcha (error 14).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CaptchaPause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Share each token's rate and state with every instance on the same storage account (table <c>rateslots</c>): on Azure the
    /// collect function scales out, and without it each instance would use a token's full rate and its whole daily budget, and
    /// keep using a token another instance saw parked or paused. The rate costs two table operations per request; the state
    /// about two per <see cref="WallGetChunk"/> <c>wall.get</c> calls and one read every few seconds.
    /// </summary>
    public bool ShareRateThroughStorage { get; set; } = true;

    /// <summary>
    /// <c>wall.get</c> calls an instance reserves at once from a token's shared daily budget, when shared. Larger chunks mean
    /// fewer table operations; smaller ones strand less budget in an instance that dies holding one (docs/collectors.md).
    /// </summary>
    [Range(1, 1_000_000)]
    public int WallGetChunk { get; set; } = 100;

    /// <summary>The checks of <see cref="VkTokenOptions"/>' annotations, which options validation does not apply to list items.</summary>
    public static bool IsValid(VkTokenOptions token) =>
        token is not null
        && !string.IsNullOrWhiteSpace(token.Token)
        && token.RequestsPerSecond is null or (>= 0.1 and <= 60)
        && token.DailyWallGetBudget >= 1
        && Enum.IsDefined(token.Type);
}

/// <summary>One VK access token and its limits.</summary>
internal sealed class VkTokenOptions
{
    /// <summary>A name for logs and the run report, e.g. <c>service-1</c>. The token itself is never written anywhere.</summary>
    public string? Name { get; set; }

    [Required]
    public string? Token { get; set; }

    public VkTokenType Type { get; set; } = VkTokenType.Service;

    /// <summary>Requests per second; when unset, VK's limit for the type (user 3, community 20, service 5 — 5 to 60 by app audience).</summary>
    [Range(0.1, 60)]
    public double? RequestsPerSecond { get; set; }

    /// <summary>Daily <c>wall.get</c> calls this token may make (VK: 5,000; each call inside <c>execute</c> counts).</summary>
    [Range(1, 1_000_000)]
    public int DailyWallGetBudget { get; set; } = 5000;
}

public enum VkTokenType
{
    /// <summary>An application's service key: no expiry; pages, posts and comments.</summary>
    Service,

    /// <summary>A user key: also live broadcasts (<c>video.get</c>); lives an hour unless refreshed.</summary>
    User,

    /// <summary>A community key.</summary>
    Group,
}
