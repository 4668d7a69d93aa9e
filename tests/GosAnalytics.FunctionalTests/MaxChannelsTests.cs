using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Functions.Dashboard;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The MAX channel routes through the local host's HTTP routing on their own Azurite: MAX's webhook (secret header, no key), and the
/// operator's list, confirm and dismiss (function key). Answers are checked against the OpenAPI document.
/// </summary>
public sealed class MaxChannelsTests(MaxChannelsHostFixture host) : IClassFixture<MaxChannelsHostFixture>
{
    private static readonly JsonElement OpenApi = JsonDocument.Parse(DashboardAssets.OpenApi).RootElement.Clone();

    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 15, 0, TimeSpan.Zero);

    private PageRegistry Registry => new(host.Storage);

    private MaxChannelStore Store => new(host.Storage);

    [Fact]
    public async Task A_bot_added_posted_twice_with_the_secret_is_answered_200_and_listed_once_as_pending()
    {
        var chat = MaxUpdateJson.NewChatId();
        var update = MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At));

        using var first = await PostUpdateAsync(update, MaxChannelsHostFixture.Secret);
        using var second = await PostUpdateAsync(update, MaxChannelsHostFixture.Secret);

        var answer = await AssertJsonAsync(first, HttpStatusCode.OK, "/api/max/webhook", "post", "200");
        Assert.Equal(("recorded", "bot_added", true), (answer.GetProperty("outcome").GetString(), answer.GetProperty("updateType").GetString(), answer.GetProperty("changed").GetBoolean()));
        Assert.False((await AssertJsonAsync(second, HttpStatusCode.OK, "/api/max/webhook", "post", "200")).GetProperty("changed").GetBoolean());

        var listed = (await ListAsync()).Where(c => c.GetProperty("chatId").GetInt64() == chat).ToList();
        var channel = Assert.Single(listed);
        Assert.Equal(("pending", "Ирина Петрова", chat.ToString(CultureInfo.InvariantCulture)), (channel.GetProperty("status").GetString(), channel.GetProperty("addedByName").GetString(), channel.GetProperty("pageId").GetString()));
        Assert.Equal(At, channel.GetProperty("addedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task A_bot_removed_marks_the_chat_removed()
    {
        var chat = MaxUpdateJson.NewChatId();
        (await PostUpdateAsync(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)), MaxChannelsHostFixture.Secret)).Dispose();

        using var response = await PostUpdateAsync(MaxUpdateJson.BotRemoved(chat, MaxUpdateJson.Millis(At.AddMinutes(1))), MaxChannelsHostFixture.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("removed", (await Store.GetAsync(chat, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData(null, "has no 'X-Max-Bot-Api-Secret' header")]
    [InlineData("wrong-secret-value", "does not match")]
    public async Task A_missing_or_wrong_secret_is_a_401_problem_that_does_not_echo_the_secret_and_records_nothing(string? secret, string says)
    {
        var chat = MaxUpdateJson.NewChatId();

        using var response = await PostUpdateAsync(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)), secret);

        var problem = await AssertJsonAsync(response, HttpStatusCode.Unauthorized, "/api/max/webhook", "post", "401", "application/problem+json");
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var body = problem.GetRawText();
        Assert.DoesNotContain(MaxChannelsHostFixture.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", body, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(chat, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem_naming_the_body()
    {
        using var response = await PostUpdateAsync("update_type=bot_added", MaxChannelsHostFixture.Secret);

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "/api/max/webhook", "post", "400", "application/problem+json");
        Assert.Contains("not valid JSON", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_update_without_its_chat_id_is_a_400_problem_saying_which_field_is_missing()
    {
        using var response = await PostUpdateAsync("""{"update_type":"bot_added","timestamp":1775628268494,"user":{"user_id":1},"is_channel":true}""", MaxChannelsHostFixture.Secret);

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "/api/max/webhook", "post", "400", "application/problem+json");
        Assert.Contains("'chat_id'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_of_another_type_is_answered_200_and_ignored()
    {
        var chat = MaxUpdateJson.NewChatId();

        using var response = await PostUpdateAsync(MaxUpdateJson.MessageCreated(chat, MaxUpdateJson.Millis(At)), MaxChannelsHostFixture.Secret);

        var answer = await AssertJsonAsync(response, HttpStatusCode.OK, "/api/max/webhook", "post", "200");
        Assert.Equal(("ignored", "message_created"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("updateType").GetString()));
        Assert.Null(await Store.GetAsync(chat, CancellationToken.None));
    }

    [Fact]
    public async Task Confirming_registers_the_page_with_platform_max_region_and_kind_and_confirming_again_is_harmless()
    {
        var chat = await AddedAsync();
        var pageId = chat.ToString(CultureInfo.InvariantCulture);

        using var first = await ConfirmAsync(pageId, """{"region": 28, "kind": "Образование"}""");
        using var second = await ConfirmAsync(pageId, """{"region": "28", "kind": "education"}""");

        var decision = await AssertJsonAsync(first, HttpStatusCode.OK, "/api/max/channels/{chatId}/confirm", "post", "200");
        Assert.False(decision.GetProperty("alreadyRegistered").GetBoolean());
        Assert.Equal(("confirmed", 28, "education"), (decision.GetProperty("channel").GetProperty("status").GetString(), decision.GetProperty("channel").GetProperty("regionCode").GetInt32(), decision.GetProperty("channel").GetProperty("kind").GetString()));
        Assert.True((await AssertJsonAsync(second, HttpStatusCode.OK, "/api/max/channels/{chatId}/confirm", "post", "200")).GetProperty("alreadyRegistered").GetBoolean());
        Assert.Equal(new RegisteredPage(Platform.Max, pageId, "", 28, OrganisationKind.Education), await Registry.GetAsync(new PageKey(Platform.Max, pageId), CancellationToken.None));
    }

    [Fact]
    public async Task Confirming_an_unknown_chat_is_a_404_problem()
    {
        using var response = await ConfirmAsync(MaxUpdateJson.NewChatId().ToString(CultureInfo.InvariantCulture), """{"region": 28, "kind": "education"}""");

        var problem = await AssertJsonAsync(response, HttpStatusCode.NotFound, "/api/max/channels/{chatId}/confirm", "post", "404", "application/problem+json");
        Assert.Contains("bot_added", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"region": 999, "kind": "education"}""", "region", "'999' is not a region code")]
    [InlineData("""{"kind": "education"}""", "region", "empty; expected a region code")]
    [InlineData("""{"region": 28, "kind": "bank"}""", "kind", "'bank' is not an organisation kind")]
    [InlineData("""{"region": true, "kind": "education"}""", "region", "Field 'region' must be a region code")]
    [InlineData("region=28", "body", "not valid JSON")]
    public async Task An_invalid_confirm_body_is_a_400_problem_naming_the_field_and_nothing_is_registered(string body, string field, string message)
    {
        var chat = await AddedAsync();
        var pageId = chat.ToString(CultureInfo.InvariantCulture);

        using var response = await ConfirmAsync(pageId, body);

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "/api/max/channels/{chatId}/confirm", "post", "400", "application/problem+json");
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await Registry.GetAsync(new PageKey(Platform.Max, pageId), CancellationToken.None));
        Assert.Equal("pending", (await Store.GetAsync(chat, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData("max/channels/abc/confirm")]
    [InlineData("max/channels/0/dismiss")]
    [InlineData("max/channels/99999999999999999999/dismiss")]
    public async Task A_chat_id_that_is_not_one_is_a_400_naming_chatId(string url)
    {
        using var content = new StringContent("""{"region": 28, "kind": "education"}""", Encoding.UTF8, "application/json");
        using var response = await host.Http.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("chatId", problem.GetProperty("errors").GetProperty("chatId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismissing_marks_the_chat_dismissed_and_dismissing_an_unknown_chat_is_a_404()
    {
        var chat = await AddedAsync();

        using var dismissed = await host.Http.PostAsync($"max/channels/{chat.ToString(CultureInfo.InvariantCulture)}/dismiss", null);
        using var unknown = await host.Http.PostAsync($"max/channels/{MaxUpdateJson.NewChatId().ToString(CultureInfo.InvariantCulture)}/dismiss", null);

        var decision = await AssertJsonAsync(dismissed, HttpStatusCode.OK, "/api/max/channels/{chatId}/dismiss", "post", "200");
        Assert.Equal("dismissed", decision.GetProperty("channel").GetProperty("status").GetString());
        await AssertJsonAsync(unknown, HttpStatusCode.NotFound, "/api/max/channels/{chatId}/dismiss", "post", "404", "application/problem+json");
    }

    [Fact]
    public async Task The_webhook_needs_no_function_key_but_the_list_confirm_and_dismiss_routes_do()
    {
        var chat = MaxUpdateJson.NewChatId();
        using var update = new StringContent(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)), Encoding.UTF8, "application/json");
        update.Headers.Add("X-Max-Bot-Api-Secret", MaxChannelsHostFixture.Secret);
        using var webhook = await host.Anonymous.PostAsync("max/webhook", update);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);

        var id = chat.ToString(CultureInfo.InvariantCulture);
        using var list = await host.Anonymous.GetAsync("max/channels");
        using var confirm = await host.Anonymous.PostAsync($"max/channels/{id}/confirm", new StringContent("""{"region": 28, "kind": "education"}""", Encoding.UTF8, "application/json"));
        using var dismiss = await host.Anonymous.PostAsync($"max/channels/{id}/dismiss", null);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { list.StatusCode, confirm.StatusCode, dismiss.StatusCode });
        Assert.Equal("pending", (await Store.GetAsync(chat, CancellationToken.None))!.Status);

        using var functionKey = LocalHostUnderTest.Client(host.Port, LocalHostUnderTest.FunctionKey);
        using var listed = await functionKey.GetAsync("max/channels?limit=5");
        await AssertJsonAsync(listed, HttpStatusCode.OK, "/api/max/channels", "get", "200");
    }

    [Fact]
    public async Task A_list_limit_out_of_range_is_a_400_naming_limit()
    {
        using var response = await host.Http.GetAsync("max/channels?limit=5000");

        var problem = await AssertJsonAsync(response, HttpStatusCode.BadRequest, "/api/max/channels", "get", "400", "application/problem+json");
        Assert.Contains("limit", problem.GetProperty("errors").GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<long> AddedAsync()
    {
        var chat = MaxUpdateJson.NewChatId();
        using var response = await PostUpdateAsync(MaxUpdateJson.BotAdded(chat, MaxUpdateJson.Millis(At)), MaxChannelsHostFixture.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return chat;
    }

    private async Task<List<JsonElement>> ListAsync()
    {
        using var response = await host.Http.GetAsync("max/channels?limit=1000");
        var list = await AssertJsonAsync(response, HttpStatusCode.OK, "/api/max/channels", "get", "200");
        return list.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<HttpResponseMessage> PostUpdateAsync(string body, string? secret)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (secret is not null)
        {
            content.Headers.Add("X-Max-Bot-Api-Secret", secret);
        }

        return await host.Anonymous.PostAsync("max/webhook", content);
    }

    private async Task<HttpResponseMessage> ConfirmAsync(string chatId, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await host.Http.PostAsync($"max/channels/{chatId}/confirm", content);
    }

    /// <summary>Asserts status and media type, and that the body matches the OpenAPI document's schema for this response.</summary>
    internal static async Task<JsonElement> AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, string path, string method, string documentedStatus, string mediaType = "application/json")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var documented = OpenApi.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(documentedStatus);
        if (documented.TryGetProperty("$ref", out var reference))
        {
            documented = OpenApi.GetProperty("components").GetProperty("responses").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        var errors = OpenApiSchemaValidator.Validate(OpenApi, documented.GetProperty("content").GetProperty(mediaType).GetProperty("schema"), json);
        Assert.True(errors.Count == 0, $"The {documentedStatus} answer does not match its documented schema:\n{string.Join("\n", errors)}\n{body}");
        return json;
    }
}

/// <summary>The MAX webhook on a host where <c>Max:WebhookSecret</c> is not set (the registry tests' host): it answers 404.</summary>
public sealed class MaxWebhookNotConfiguredTests(RegistryHostFixture host) : IClassFixture<RegistryHostFixture>
{
    [Fact]
    public async Task Without_a_configured_secret_the_webhook_is_a_404_problem_saying_it_is_not_configured()
    {
        using var content = new StringContent(MaxUpdateJson.BotAdded(MaxUpdateJson.NewChatId(), 1775628268494), Encoding.UTF8, "application/json");
        content.Headers.Add("X-Max-Bot-Api-Secret", "anything-at-all");
        using var response = await host.Anonymous.PostAsync("max/webhook", content);

        var problem = await MaxChannelsTests.AssertJsonAsync(response, HttpStatusCode.NotFound, "/api/max/webhook", "post", "404", "application/problem+json");
        Assert.Equal("Webhook not configured.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("anything-at-all", problem.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>The local host on its own Azurite with a MAX webhook secret, serving HTTP only (no start-up run).</summary>
public sealed class MaxChannelsHostFixture : IAsyncLifetime
{
    /// <summary>The webhook secret of the host under test (MAX's pattern: letters, digits, '_' and '-').</summary>
    public const string Secret = "functional-tests-max-webhook-secret";

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    public HttpClient Anonymous => host!.Anonymous;

    public int Port => host!.Port;

    public StorageClients Storage => azurite.Storage;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["DailyRunSchedule"] = "0 0 0 1 1 *";
            settings["Max:WebhookSecret"] = Secret;
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
