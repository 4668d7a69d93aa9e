using GosAnalytics.Pipeline.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.Functions.Api;

/// <summary>
/// MAX channels entering the registry from the bot's updates: <c>POST /api/max/webhook</c> (MAX's webhook, checked by its secret
/// header, no function key), and for the operator (function key) <c>GET /api/max/channels</c>, <c>POST /api/max/channels/{chatId}/confirm</c>
/// and <c>POST /api/max/channels/{chatId}/dismiss</c>.
/// </summary>
public sealed class MaxChannelsApi(MaxWebhook webhook, MaxChannelInbox inbox)
{
    /// <summary>One Update from MAX: a bot_added / bot_removed is recorded, any other type ignored; 200 either way.</summary>
    [Function("ReceiveMaxUpdate")]
    public async Task<IActionResult> ReceiveMaxUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "max/webhook")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var access = webhook.Authenticate(request.Headers[MaxWebhook.SecretHeader].FirstOrDefault());
        if (access != MaxWebhookAccess.Allowed)
        {
            return MaxChannelRequests.Refusal(access);
        }

        if (await RequestBodies.ReadAtMostAsync(request, MaxChannelRequests.MaxWebhookBodyBytes, cancellationToken) is not { } body)
        {
            return RequestBodies.TooLarge(MaxChannelRequests.MaxWebhookBodyBytes, "MAX sends one Update object per request.");
        }

        var result = await webhook.ReceiveAsync(body, cancellationToken);
        return result.Outcome == MaxWebhookOutcome.Invalid
            ? Problems.BadRequest(new Dictionary<string, string[]> { ["body"] = [result.Error!] })
            : new OkObjectResult(new { result.Outcome, result.UpdateType, result.Changed });
    }

    /// <summary>The chats the bot was added to: pending first, newest first.</summary>
    [Function("ListMaxChannels")]
    public async Task<IActionResult> ListMaxChannelsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "max/channels")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        QueryParameters.OnlyKnown(request.Query, errors, "limit");
        var limit = QueryParameters.Integer(request.Query, "limit", MaxChannelInbox.DefaultListLimit, 1, MaxChannelInbox.MaxListLimit, errors);
        return errors.Any ? errors.ToProblem() : new OkObjectResult(await inbox.ListAsync(limit, cancellationToken));
    }

    /// <summary>Registers the chat as a MAX page of the body's region and kind (and optional municipality and organisation), as a registry CSV row would.</summary>
    [Function("ConfirmMaxChannel")]
    public async Task<IActionResult> ConfirmMaxChannelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "max/channels/{chatId}/confirm")] HttpRequest request,
        string chatId,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var id = MaxChannelRequests.ChatId(chatId, errors);
        var (confirmation, rejection) = await MaxChannelRequests.ReadConfirmAsync(request, errors, cancellationToken);
        if (rejection is not null || errors.Any)
        {
            return rejection ?? errors.ToProblem();
        }

        return MaxChannelRequests.ToResult(await inbox.ConfirmAsync(id!.Value, confirmation!, cancellationToken));
    }

    /// <summary>Turns the chat down until the bot is added to it again.</summary>
    [Function("DismissMaxChannel")]
    public async Task<IActionResult> DismissMaxChannelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "max/channels/{chatId}/dismiss")] HttpRequest request,
        string chatId,
        CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var id = MaxChannelRequests.ChatId(chatId, errors);
        return errors.Any ? errors.ToProblem() : MaxChannelRequests.ToResult(await inbox.DismissAsync(id!.Value, cancellationToken));
    }
}
