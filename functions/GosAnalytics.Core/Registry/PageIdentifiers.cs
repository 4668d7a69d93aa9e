using System.Globalization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Registry;

/// <summary>A page's identity in the registry: the id the collectors ask the platform for, and its screen name ("" when it has none).</summary>
public readonly record struct PageIdentity(string PageId, string ScreenName);

/// <summary>
/// Turns what analysts paste — a URL, a screen name, <c>@name</c> or an id — into the registry's (PageId, ScreenName).
/// The one place that knows each platform's address shapes, so the CSV import and any later caller agree.
/// </summary>
public static class PageIdentifiers
{
    private static readonly string[] VkHosts = ["vk.com", "vk.ru", "vkontakte.ru"];
    private static readonly string[] OkHosts = ["ok.ru", "odnoklassniki.ru"];
    private static readonly string[] TelegramHosts = ["t.me", "telegram.me", "telegram.dog"];
    private static readonly string[] MaxHosts = ["max.ru", "web.max.ru"];

    // Site sections whose names would otherwise pass as screen names (e.g. OK's old "ok.ru/dk?st.cmd=…" links).
    private static readonly HashSet<string> ServicePaths =
        new(["dk", "feed", "im", "groups", "friends", "video", "music", "audio", "search", "games", "apps", "messages", "settings", "live"], StringComparer.Ordinal);

    /// <summary>Normalises <paramref name="text"/> for <paramref name="platform"/>; on failure <paramref name="error"/> says why, quoting the text.</summary>
    public static bool TryNormalize(Platform platform, string? text, out PageIdentity identity, out string error)
    {
        var input = text?.Trim() ?? "";
        if (input.Length == 0)
        {
            identity = default;
            error = $"empty; expected {A(platform)} address, screen name or id.";
            return false;
        }

        if (TryRead(platform, input, lenient: false, out identity, out var problem))
        {
            error = "";
            return true;
        }

        error = $"{Quote(input)} {problem}";
        return false;
    }

    /// <summary>
    /// Reads a registered OK page id — what <see cref="TryNormalize"/> stored, or an OK address written by hand — for the
    /// collector: a group id (<see cref="PageIdentity.ScreenName"/> empty), or a short name for OK to resolve (both fields).
    /// The same address shapes as <see cref="TryNormalize"/>, but laxer where OK itself can answer: a short name is not checked
    /// for OK's spelling rules, a number after the host is a group id, and <c>group/123</c> needs no host.
    /// </summary>
    /// <param name="error">Why there is no group to ask for, to follow "OK page '…' ", e.g. "is a user profile, not a group.".</param>
    public static bool TryReadOkGroup(string? pageId, out PageIdentity group, out string error) =>
        TryRead(Platform.Ok, pageId?.Trim() ?? "", lenient: true, out group, out error);

    /// <summary>The parse both readings share; <paramref name="error"/> follows the quoted input.</summary>
    private static bool TryRead(Platform platform, string input, bool lenient, out PageIdentity identity, out string error)
    {
        identity = default;
        if (!TrySplitAddress(input, lenient, out var host, out var path))
        {
            error = $"is not {A(platform)} address, screen name or id.";
            return false;
        }

        if (host is not null)
        {
            var hostPlatform = PlatformOfHost(host);
            if (hostPlatform is null)
            {
                error = $"is not {A(platform)} address: '{host}' is not {string.Join(", ", Hosts(platform))}.";
                return false;
            }

            if (hostPlatform != platform)
            {
                error = lenient
                    ? $"is {A(hostPlatform.Value)} address, not {A(platform)} one."
                    : $"is {A(hostPlatform.Value)} address, but the row's platform is {platform.ToCode()}.";
                return false;
            }
        }

        var result = platform switch
        {
            Platform.Vk => NormalizeVk(path, isAddress: host is not null),
            Platform.Ok => NormalizeOk(path, isAddress: host is not null, lenient),
            Platform.Telegram => NormalizeTelegram(path, isAddress: host is not null),
            Platform.Max => NormalizeMax(path, isAddress: host is not null),
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
        };
        if (result.Error is not null)
        {
            error = result.Error;
            return false;
        }

        identity = result.Identity;
        error = "";
        return true;
    }

    /// <summary>
    /// Splits "https://host/path?query#fragment" (scheme optional) into host and the path without slashes at either end;
    /// plain text (no '/', not a bare host name) comes back as the path with a null host; when <paramref name="lenient"/>, so
    /// does text without a scheme whose first part is no platform's host (<c>group/123</c>).
    /// </summary>
    private static bool TrySplitAddress(string input, bool lenient, out string? host, out string path)
    {
        var rest = input;
        var hadScheme = false;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[scheme.Length..];
                hadScheme = true;
                break;
            }
        }

        var cut = rest.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            rest = rest[..cut];
        }

        rest = rest.TrimEnd('/');

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPart = slash >= 0 ? rest[..slash] : rest;

        // "vk.com" or "t.me" alone is an address without a page, not a screen name that happens to contain a dot.
        if (!hadScheme && (slash < 0 || lenient) && PlatformOfHost(hostPart) is null)
        {
            host = null;
            path = rest;
            return true;
        }

        host = hostPart.ToLowerInvariant();
        path = slash >= 0 ? rest[(slash + 1)..].Trim('/') : "";
        return host.Length > 0;
    }

    private static Platform? PlatformOfHost(string host)
    {
        var name = host.ToLowerInvariant();
        foreach (var prefix in new[] { "www.", "m.", "mobile." })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        return VkHosts.Contains(name) ? Platform.Vk
            : OkHosts.Contains(name) ? Platform.Ok
            : TelegramHosts.Contains(name) ? Platform.Telegram
            : MaxHosts.Contains(name) ? Platform.Max
            : null;
    }

    private static Result NormalizeVk(string path, bool isAddress)
    {
        var segments = Segments(path);
        if (segments.Length != 1)
        {
            return Fail(segments.Length == 0 ? "has no community in it (e.g. https://vk.com/club123 or https://vk.com/minobr28)." : "is not the address of a VK community (e.g. https://vk.com/club123 or https://vk.com/minobr28).");
        }

        var name = segments[0].ToLowerInvariant();
        if (!isAddress && name.StartsWith('@'))
        {
            name = name[1..];
        }

        // A community's numeric id, bare ("123", "-123" as the API writes owner ids) or in its default address (club123, public123, event123).
        if (TryStripPrefix(name, ["club", "public", "event", "-", ""], out var digits) && TryParseId(digits, out var id))
        {
            return Ok(id, "");
        }

        if (name.StartsWith("id", StringComparison.Ordinal) && name.Length > 2 && name[2..].All(char.IsAsciiDigit))
        {
            return Fail("is a user profile, not a community: register the community's page (club…, public… or its screen name).");
        }

        if (ServicePaths.Contains(name))
        {
            return Fail("is a VK section, not a community.");
        }

        if (name.Length is < 2 or > 32 || name.All(char.IsAsciiDigit) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.'))
        {
            return Fail("is not a VK screen name (2–32 latin letters, digits, '_' or '.') or community id.");
        }

        return Ok(name, name);
    }

    private static Result NormalizeOk(string path, bool isAddress, bool lenient)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return Fail("has no group in it (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).");
        }

        var first = segments[0].ToLowerInvariant();

        // ok.ru/group/123 and the older ok.ru/group123; anything after the id (topics, albums) still names the group.
        if (first == "group" && segments.Length >= 2 && TryParseId(segments[1], out var groupId))
        {
            return Ok(groupId, "");
        }

        if (first.StartsWith("group", StringComparison.Ordinal) && TryParseId(first[5..], out var glued))
        {
            return Ok(glued, "");
        }

        if (first is "profile" || (first.StartsWith("profile", StringComparison.Ordinal) && first[7..].All(char.IsAsciiDigit)))
        {
            return Fail("is a user profile, not a group.");
        }

        if (ServicePaths.Contains(first))
        {
            return Fail("is an OK section, not a group: copy the address of the group itself.");
        }

        if (segments.Length != 1)
        {
            return Fail("is not the address of an OK group (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).");
        }

        if ((!isAddress || lenient) && TryParseId(first, out var id))
        {
            return Ok(id, "");
        }

        // Read leniently, a name is left for OK to resolve: it answers whether such a group exists.
        if (lenient)
        {
            return Ok(first, first);
        }

        if (first.Length is < 2 or > 50 || !char.IsAsciiLetterLower(first[0]) || !first.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.'))
        {
            return Fail("is not an OK short name (latin letters, digits, '_' or '.', starting with a letter) or group id.");
        }

        return Ok(first, first);
    }

    private static Result NormalizeTelegram(string path, bool isAddress)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return Fail("has no channel in it (e.g. https://t.me/name).");
        }

        var first = segments[0];
        if (first.StartsWith('+') || first.Equals("joinchat", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("is a private invite link: only public channels can be collected.");
        }

        // t.me/s/name is the web preview; t.me/name/123 links a post of the channel.
        var names = first.Equals("s", StringComparison.OrdinalIgnoreCase) && isAddress ? segments[1..] : segments;
        if (names.Length == 0 || names.Length > 2 || (names.Length == 2 && !names[1].All(char.IsAsciiDigit)))
        {
            return Fail("is not the address of a public Telegram channel (e.g. https://t.me/name).");
        }

        var name = names[0].ToLowerInvariant();
        if (!isAddress && name.StartsWith('@'))
        {
            name = name[1..];
        }

        if (name.Length is < 5 or > 32 || !char.IsAsciiLetterLower(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return Fail("is not a Telegram username (5–32 latin letters, digits or '_', starting with a letter).");
        }

        return Ok(name, name);
    }

    /// <summary>
    /// A MAX channel: its <c>chat_id</c> (channels are negative; the id the Bot API's <c>bot_added</c> update gives) or its public
    /// link name (<c>https://max.ru/name</c>, <c>@name</c>), which the collector resolves with <c>GET /chats/{link}</c>.
    /// </summary>
    private static Result NormalizeMax(string path, bool isAddress)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return Fail("has no channel in it (e.g. https://max.ru/name or a chat id such as -70801090403050).");
        }

        // max.ru/name/AZvGd2khRSE links a post of the channel; the channel is its first segment.
        if (segments.Length > 2)
        {
            return Fail("is not the address of a MAX channel (e.g. https://max.ru/name).");
        }

        var first = segments[0];
        if (!isAddress && segments.Length == 1 && first.StartsWith('-') && TryParseId(first[1..], out var chatId))
        {
            return Ok("-" + chatId, "");
        }

        if (!isAddress && segments.Length == 1 && TryParseId(first, out _))
        {
            return Fail("is not a MAX channel id: a channel's chat_id is negative (e.g. -70801090403050).");
        }

        var name = first.ToLowerInvariant();
        if (!isAddress && name.StartsWith('@'))
        {
            name = name[1..];
        }

        // The Bot API's public link pattern: @?[a-zA-Z]+[\w-]*.
        if (name.Length is < 2 or > 64 || !char.IsAsciiLetterLower(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            return Fail("is not a MAX channel name (latin letters, digits, '_' or '-', starting with a letter) or chat id.");
        }

        return Ok(name, name);
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryStripPrefix(string name, string[] prefixes, out string rest)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                rest = name[prefix.Length..];
                if (rest.All(char.IsAsciiDigit))
                {
                    return true;
                }
            }
        }

        rest = "";
        return false;
    }

    /// <summary>A positive numeric id, written without leading zeros so that "0123" and "123" are the same page.</summary>
    private static bool TryParseId(string text, out string id)
    {
        if (text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            id = value.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        id = "";
        return false;
    }

    /// <summary>The platform's name with its article, as it reads aloud: "a VK", "an OK", "a Telegram".</summary>
    private static string A(Platform platform) => platform switch
    {
        Platform.Vk => "a VK",
        Platform.Ok => "an OK",
        Platform.Max => "a MAX",
        _ => "a Telegram",
    };

    private static string[] Hosts(Platform platform) => platform switch
    {
        Platform.Vk => VkHosts,
        Platform.Ok => OkHosts,
        Platform.Max => MaxHosts,
        _ => TelegramHosts,
    };

    /// <summary>Echoed input is cut short so that one huge cell cannot flood a report.</summary>
    internal static string Quote(string text) => $"'{(text.Length <= 100 ? text : text[..100] + "…")}'";

    private static Result Ok(string pageId, string screenName) => new(new PageIdentity(pageId, screenName), null);

    private static Result Fail(string error) => new(default, error);

    private readonly record struct Result(PageIdentity Identity, string? Error);
}
