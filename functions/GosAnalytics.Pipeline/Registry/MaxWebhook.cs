using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Pipeline.Registry;

/// <summary>Whether a webhook request may be read.</summary>
public enum MaxWebhookAccess
{
    /// <summary>No <c>Max:WebhookSecret</c> is set: the webhook is off.</summary>
    NotConfigured,

    /// <summary>The request has no <c>X-Max-Bot-Api-Secret</c> header.</summary>
    Missing,

    /// <summary>The header does not match the secret.</summary>
    Wrong,

    Allowed,
}

public enum MaxWebhookOutcome
{
    /// <summary>A bot_added / bot_removed update, applied (or known already: a redelivery changes nothing).</summary>
    Recorded,

    /// <summary>Another update type: not the inbox's business.</summary>
    Ignored,

    /// <summary>The body is not JSON or not an Update; <see cref="MaxWebhookResult.Error"/> says why.</summary>
    Invalid,
}

/// <param name="Changed">Whether the inbox changed (false for a redelivered or older event).</param>
public sealed record MaxWebhookResult(MaxWebhookOutcome Outcome, string? UpdateType, bool Changed, string? Error = null);

/// <summary>
/// The MAX webhook: MAX POSTs one <c>Update</c> per request with the subscription's secret in <c>X-Max-Bot-Api-Secret</c>, and needs a
/// 200 within 30 seconds. Reading it costs one JSON parse and, for a bot update, one read and one write of the chat's row.
/// </summary>
public sealed class MaxWebhook(MaxChannelInbox inbox, IOptionsMonitor<MaxInboxOptions> options, ILogger<MaxWebhook> logger)
{
    public const string SecretHeader = "X-Max-Bot-Api-Secret";

    /// <summary>Compares <paramref name="presented"/> with the secret in constant time (hashes of both, so not even the length leaks).</summary>
    public MaxWebhookAccess Authenticate(string? presented)
    {
        var settings = options.CurrentValue;
        if (!settings.HasWebhookSecret)
        {
            return MaxWebhookAccess.NotConfigured;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return MaxWebhookAccess.Missing;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret!));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? MaxWebhookAccess.Allowed : MaxWebhookAccess.Wrong;
    }

    /// <summary>Reads one Update and records its channel event.</summary>
    public async Task<MaxWebhookResult> ReceiveAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new MaxWebhookResult(MaxWebhookOutcome.Invalid, null, false, "The request body is not valid JSON: MAX sends one Update object.");
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("update_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            MaxChannelEvent? channelEvent;
            try
            {
                channelEvent = MaxUpdates.Read(root);
            }
            catch (MaxUpdateFormatException error)
            {
                logger.LogWarning("MAX webhook: an update that is not one: {Error}", error.Message);
                return new MaxWebhookResult(MaxWebhookOutcome.Invalid, type, false, error.Message);
            }

            if (channelEvent is null)
            {
                logger.LogDebug("MAX webhook: update {UpdateType} ignored", type);
                return new MaxWebhookResult(MaxWebhookOutcome.Ignored, type, false);
            }

            var changed = await inbox.RecordAsync([channelEvent], cancellationToken) > 0;
            return new MaxWebhookResult(MaxWebhookOutcome.Recorded, type, changed);
        }
    }
}
