using System.Text.RegularExpressions;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>
/// The channel inbox's settings in configuration section <c>Max</c> (app settings <c>Max__WebhookSecret</c>, <c>Max__PollUpdates</c>).
/// The MAX collector binds other keys of the same section; neither checks keys it does not know.
/// </summary>
public sealed partial class MaxInboxOptions
{
    public const string SectionName = "Max";

    /// <summary>
    /// The <c>secret</c> given to MAX's <c>POST /subscriptions</c>; MAX sends it in header <c>X-Max-Bot-Api-Secret</c> with every
    /// webhook request. Unset: <c>POST /api/max/webhook</c> answers 404. On Azure a Key Vault reference.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Development only: the <c>PollMaxUpdates</c> timer reads <c>GET /updates</c> (long polling, which MAX rate-limits, keeps
    /// briefly, and turns off while a webhook is subscribed) instead of waiting for the webhook.
    /// </summary>
    public bool PollUpdates { get; set; }

    /// <summary>Whether a secret is set (whitespace counts as unset).</summary>
    public bool HasWebhookSecret => !string.IsNullOrWhiteSpace(WebhookSecret);

    /// <summary>MAX accepts 5–256 characters of A–Z, a–z, 0–9, '_' and '-' (<c>SubscriptionRequestBody.secret</c>).</summary>
    public bool IsWebhookSecretValid => !HasWebhookSecret || SecretPattern().IsMatch(WebhookSecret!);

    /// <summary>The start-up error of an invalid secret: it says what is wrong, never the value.</summary>
    public const string InvalidSecretMessage =
        "Max:WebhookSecret must be 5 to 256 characters of A-Z, a-z, 0-9, '_' or '-', as MAX's POST /subscriptions requires.";

    [GeneratedRegex("^[a-zA-Z0-9_-]{5,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
