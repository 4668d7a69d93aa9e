using System.Text.RegularExpressions;

namespace GosAnalytics.Core.Domain;

/// <summary>
/// Reads contacts and a website from a page's description, for platforms whose API has no field for them (Telegram, MAX): the
/// description is where a channel shows them (docs/metrics.md §3.6).
/// </summary>
public static partial class ProfileText
{
    /// <summary>Hosts of social platforms and messengers: a link to them is not the body's own site.</summary>
    private static readonly string[] PlatformHosts =
        ["t.me", "telegram.me", "telegram.org", "vk.com", "vk.ru", "vk.cc", "ok.ru", "max.ru", "youtube.com", "youtu.be", "rutube.ru", "dzen.ru"];

    /// <summary>True when the text holds a link to a website other than a social platform (gosuslugi.ru, amurobl.ru, школа.рф).</summary>
    public static bool MentionsSite(string? text) =>
        !string.IsNullOrWhiteSpace(text) && SiteLink().Matches(text).Any(m => !IsPlatformHost(m.Groups["host"].Value));

    /// <summary>True when the text holds a Russian phone number or an e-mail address.</summary>
    public static bool MentionsContacts(string? text) =>
        !string.IsNullOrWhiteSpace(text) && (Phone().IsMatch(text) || Email().IsMatch(text));

    private static bool IsPlatformHost(string host)
    {
        var h = host.ToLowerInvariant();
        h = h.StartsWith("www.", StringComparison.Ordinal) ? h[4..] : h;
        return PlatformHosts.Any(p => h == p || h.EndsWith("." + p, StringComparison.Ordinal));
    }

    // A host with a Russian or common top-level domain, after a scheme or standing alone; an e-mail's domain is not a link.
    [GeneratedRegex(@"(?<![@\w.-])(?:https?://)?(?<host>(?:[\p{L}\d-]+\.)+(?:ru|рф|su|com|org|net|info|gov))(?![\p{L}\d-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SiteLink();

    // +7 or 8, then ten digits with the usual spaces, hyphens and brackets: +7 (4162) 20-00-00, 8-800-100-00-00.
    [GeneratedRegex(@"(?:\+7|(?<!\d)8)[\s\-()]*\d(?:[\s\-()]*\d){9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
