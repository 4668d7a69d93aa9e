using System.Globalization;
using System.Text.Json;
using GosAnalytics.Pipeline.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// The requests and answers of the MAX channel routes (<see cref="MaxChannelsApi"/>): the chat id of the route, the confirm body
/// <c>{"region": 28, "kind": "education"}</c> (optionally with <c>municipality</c>, <c>organisation</c>, <c>organisationName</c>), and the problem+json of each outcome.
/// </summary>
internal static class MaxChannelRequests
{
    /// <summary>One Update is a few hundred bytes; a message update with its attachments a few kilobytes. 1 MB is a mistake, not an update.</summary>
    public const int MaxWebhookBodyBytes = 1024 * 1024;

    /// <summary>The confirm body is one small JSON object.</summary>
    public const int MaxConfirmBodyBytes = 16 * 1024;

    /// <summary>A MAX chat id: an integer other than 0 (channels are negative), as the route gives it.</summary>
    public static long? ChatId(string? text, ParameterErrors errors)
    {
        var value = text?.Trim() ?? "";
        var digits = value.AsSpan(value.StartsWith('-') ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')
            || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId) || chatId == 0)
        {
            errors.Add("chatId", $"Route parameter 'chatId' must be a MAX chat id, an integer such as -70801090403050; got '{QueryParameters.Truncate(value)}'.");
            return null;
        }

        return chatId;
    }

    /// <summary>
    /// The region and kind of a confirm body, and its optional municipality, organisation and organisationName, as text for the registry's
    /// own checks (a missing field reads as empty).
    /// </summary>
    public static async Task<(MaxConfirmation? Confirmation, IActionResult? Rejection)> ReadConfirmAsync(HttpRequest request, ParameterErrors errors, CancellationToken cancellationToken)
    {
        if (await RequestBodies.ReadAtMostAsync(request, MaxConfirmBodyBytes, cancellationToken) is not { } body)
        {
            return (null, RequestBodies.TooLarge(MaxConfirmBodyBytes, "send {\"region\": 28, \"kind\": \"education\"}."));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "The request body must be a JSON object such as {\"region\": 28, \"kind\": \"education\"}.");
                return (null, null);
            }

            var root = document.RootElement;
            return (new MaxConfirmation(
                Field(root, "region", errors),
                Field(root, "kind", errors),
                Field(root, "municipality", errors),
                Field(root, "organisation", errors),
                Field(root, "organisationName", errors)), null);
        }
        catch (JsonException)
        {
            errors.Add("body", "The request body is not valid JSON: send {\"region\": 28, \"kind\": \"education\"}.");
            return (null, null);
        }
    }

    /// <summary>A decision's answer: 200 with the chat, or the problem of its outcome.</summary>
    public static IActionResult ToResult(MaxChannelDecision decision) => decision.Outcome switch
    {
        MaxDecisionOutcome.Done => new OkObjectResult(new { decision.Message, decision.AlreadyRegistered, decision.Channel }),
        MaxDecisionOutcome.NotFound => Problems.NotFound(decision.Message),
        MaxDecisionOutcome.Invalid => Problems.BadRequest(decision.Errors),
        _ => Problems.ForStatus(StatusCodes.Status409Conflict, decision.Message),
    };

    /// <summary>The webhook's answer to a request it may not read: the secret itself never appears in it.</summary>
    public static IActionResult Refusal(MaxWebhookAccess access) => access switch
    {
        MaxWebhookAccess.NotConfigured => Problems.Status(
            StatusCodes.Status404NotFound,
            "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            "Webhook not configured.",
            "The MAX webhook is not configured: set Max:WebhookSecret (app setting Max__WebhookSecret) and give the same secret to MAX's POST /subscriptions."),
        MaxWebhookAccess.Missing => Problems.ForStatus(
            StatusCodes.Status401Unauthorized, $"The request has no '{MaxWebhook.SecretHeader}' header: MAX sends the subscription's secret in it."),
        _ => Problems.ForStatus(
            StatusCodes.Status401Unauthorized, $"The '{MaxWebhook.SecretHeader}' header does not match the configured webhook secret."),
    };

    private static string? Field(JsonElement body, string name, ParameterErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (value.ValueKind is JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind is JsonValueKind.Number && name == "region")
        {
            return value.GetRawText();
        }

        errors.Add(name, name switch
        {
            "region" => "Field 'region' must be a region code such as 28 (a number or a string of digits).",
            "kind" => "Field 'kind' must be a string: a kind code such as education, or its Russian name such as Образование.",
            _ => $"Field '{name}' must be a string (or null for none).",
        });
        return null;
    }
}
