using System.Globalization;

namespace GosAnalytics.Core.Domain;

/// <summary>
/// The public web addresses of pages and posts, the one place they are composed (answers, the dashboard's links and exports all
/// take them from here). A page is known by its registered page id and the screen name the platform reported (docs/registry.md):
/// <list type="bullet">
/// <item>VK: <c>https://vk.com/{screen name}</c>, else <c>https://vk.com/club{id}</c>; a post <c>https://vk.com/wall-{id}_{post}</c>
/// (<see cref="VkWallPost"/>), which needs the community's number: the collector takes it from the post's <c>owner_id</c>; otherwise it comes
/// from the page id or a <c>club…</c>/<c>public…</c> screen name.</item>
/// <item>OK: <c>https://ok.ru/group/{id}</c>, else <c>https://ok.ru/{short name}</c>; a topic <c>…/topic/{post}</c>.</item>
/// <item>Telegram: <c>https://t.me/{username}</c> and <c>https://t.me/{username}/{post}</c>.</item>
/// <item>MAX: <c>https://max.ru/{link name}</c> when the channel has a public name; none for a channel known only by its chat id. A MAX post's
/// public link carries an opaque code, not the message id: the collector keeps the link the Bot API gives (a message's <c>url</c>,
/// <see cref="Given"/>), and nothing is composed here.</item>
/// </list>
/// A post's own address (<see cref="Post.Url"/>, the one the platform gave) comes first; <see cref="Post(Platform, string, string?, string, string?)"/>
/// composes one only when there is none. Null means the platform gives the page or post no public address we know.
/// </summary>
public static class PageUrls
{
    public static string? Page(Platform platform, string pageId, string? screenName)
    {
        var name = string.IsNullOrWhiteSpace(screenName) ? null : screenName.Trim();
        return platform switch
        {
            Platform.Vk => name is not null ? $"https://vk.com/{Escape(name)}"
                : IsNumber(pageId) ? $"https://vk.com/club{pageId}"
                : IsName(pageId) ? $"https://vk.com/{Escape(pageId)}" : null,
            Platform.Ok => IsNumber(pageId) ? $"https://ok.ru/group/{pageId}"
                : name is not null && !IsGlued(name, "group") ? $"https://ok.ru/{Escape(name)}"
                : IsName(pageId) ? $"https://ok.ru/{Escape(pageId)}" : null,
            Platform.Telegram => TelegramName(pageId, name) is { } channel ? $"https://t.me/{Escape(channel)}" : null,
            Platform.Max => name is not null ? $"https://max.ru/{Escape(name)}"
                : IsName(pageId) ? $"https://max.ru/{Escape(pageId)}" : null,
            _ => null,
        };
    }

    /// <summary>
    /// The address of the page's post <paramref name="postId"/>: <paramref name="given"/> (the post's own, <see cref="Post.Url"/>) when there is
    /// one, else the one composed from the page and the post id.
    /// </summary>
    public static string? Post(Platform platform, string pageId, string? screenName, string postId, string? given = null)
    {
        if (given is not null)
        {
            return given;
        }

        if (string.IsNullOrWhiteSpace(postId))
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(screenName) ? null : screenName.Trim();
        switch (platform)
        {
            case Platform.Vk:
                return VkOwner(pageId, name) is { } owner && long.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var community)
                    && long.TryParse(postId, NumberStyles.None, CultureInfo.InvariantCulture, out var post) ? VkWallPost(-community, post) : null;
            case Platform.Ok:
                return IsNumber(postId) && Page(platform, pageId, screenName) is { } group ? $"{group}/topic/{postId}" : null;
            case Platform.Telegram:
                return IsNumber(postId) && TelegramName(pageId, name) is { } channel ? $"https://t.me/{Escape(channel)}/{postId}" : null;
            default:
                return null;
        }
    }

    /// <summary>A VK wall post's address from its <c>owner_id</c> (negative for a community) and <c>id</c>: <c>https://vk.com/wall{owner}_{id}</c>.</summary>
    public static string VkWallPost(long ownerId, long postId) =>
        string.Create(CultureInfo.InvariantCulture, $"https://vk.com/wall{ownerId}_{postId}");

    /// <summary>An address a platform gave, kept only when it is an absolute https URL (anything else is not a link to show); else null.</summary>
    public static string? Given(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host) ? uri.AbsoluteUri : null;

    /// <summary>A live broadcast's address: a VK broadcast is a video of the community (<c>https://vk.com/video-{id}_{video}</c>); other platforms', none.</summary>
    public static string? Broadcast(Platform platform, string pageId, string? screenName, string broadcastId) =>
        platform == Platform.Vk && IsNumber(broadcastId) && VkOwner(pageId, screenName) is { } owner ? $"https://vk.com/video-{owner}_{broadcastId}" : null;

    /// <summary>A VK community's number: its page id, or the number in a <c>club…</c>, <c>public…</c> or <c>event…</c> screen name.</summary>
    private static string? VkOwner(string pageId, string? screenName)
    {
        var name = string.IsNullOrWhiteSpace(screenName) ? null : screenName.Trim();
        return IsNumber(pageId) ? pageId : name is not null ? Glued(name, "club") ?? Glued(name, "public") ?? Glued(name, "event") : null;
    }

    /// <summary>A Telegram page is collected by its username; the demo's pages have numeric ids and a username beside them.</summary>
    private static string? TelegramName(string pageId, string? name) =>
        name is not null && !IsNumber(name) ? name : IsName(pageId) ? pageId : null;

    private static bool IsNumber(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= 19 && text.All(char.IsAsciiDigit);

    /// <summary>A screen name as the registry stores it (no '-' first: a MAX chat id is not a name).</summary>
    private static bool IsName(string? text) =>
        !string.IsNullOrEmpty(text) && !IsNumber(text) && text[0] != '-' && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>The digits of <c>club123</c>-style names (<paramref name="prefix"/> then a number), else null.</summary>
    private static string? Glued(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && IsNumber(name[prefix.Length..]) ? name[prefix.Length..] : null;

    private static bool IsGlued(string name, string prefix) => Glued(name, prefix) is not null;

    private static string Escape(string segment) => Uri.EscapeDataString(segment.ToLower(CultureInfo.InvariantCulture));
}
