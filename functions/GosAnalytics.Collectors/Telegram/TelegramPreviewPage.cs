using GosAnalytics.Core.Domain;

namespace GosAnalytics.Collectors.Telegram;

/// <summary>The channel as the header of its web preview shows it.</summary>
/// <param name="Username">The username without "@", as the header writes it; null when the header shows none.</param>
/// <param name="IsVerified">Telegram's verified check mark next to the title.</param>
/// <param name="Subscribers">Null when the channel hides its subscriber count.</param>
/// <param name="HasContacts">The description gives a phone or an e-mail (the preview has no contacts field).</param>
/// <param name="HasSite">The description links to a website other than a social platform.</param>
internal sealed record TelegramChannelHeader(
    string Title,
    string? Username,
    bool IsVerified,
    bool HasDescription,
    bool HasAvatar,
    long? Subscribers,
    bool HasContacts = false,
    bool HasSite = false);

/// <summary>One post of the preview with its numeric message id, which paging counts with.</summary>
internal sealed record TelegramPreviewMessage(long MessageId, Post Post);

/// <summary>What one <c>t.me/s/&lt;channel&gt;</c> page shows.</summary>
/// <param name="Header">Null when the page has no channel header.</param>
/// <param name="Messages">Posts in page order (oldest first), service messages left out, each message id once.</param>
/// <param name="LowestMessageId">The smallest message id on the page, service messages included: where the next older page starts.</param>
/// <param name="OlderPageBefore">The <c>data-before</c> of the "more" link; null when the page links to no older page.</param>
/// <param name="LayoutProblem">Set when the page is not built the way the parser expects (t.me changed its markup): the page must not be trusted.</param>
internal sealed record TelegramPreviewPage(
    TelegramChannelHeader? Header,
    IReadOnlyList<TelegramPreviewMessage> Messages,
    long? LowestMessageId,
    long? OlderPageBefore,
    string? LayoutProblem)
{
    /// <summary>True for the page t.me serves for a channel that does not exist: neither a header nor any message.</summary>
    public bool ShowsNoChannel => Header is null && LowestMessageId is null && LayoutProblem is null;
}
