using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// <c>AzureWebJobs.&lt;name&gt;.Disabled</c> switches a function off on the local host as on Azure: its queue is left alone, and its
/// route finds nothing unless the request presents the master key.
/// </summary>
public sealed class DisabledFunctionTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest host = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings["LocalHost:RunTimersAtStartup"] = "false";
            settings["DailyRunSchedule"] = "0 0 0 1 1 *";
            settings["AzureWebJobs.CollectBatch.Disabled"] = "true";
            settings["AzureWebJobs.GetOpenApi.Disabled"] = "true";
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_disabled_route_answers_a_404_problem_naming_the_setting_and_runs_for_the_master_key_only()
    {
        using var anonymous = await host.Anonymous.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        var problem = await anonymous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("AzureWebJobs.GetOpenApi.Disabled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var withFunctionKey = new HttpRequestMessage(HttpMethod.Get, "openapi.json");
        withFunctionKey.Headers.Add(FunctionKeys.Header, LocalHostUnderTest.FunctionKey);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous.SendAsync(withFunctionKey)).StatusCode);

        using var master = await host.Http.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
    }

    [Fact]
    public async Task A_disabled_queue_function_leaves_its_messages_in_the_queue_while_the_others_are_read()
    {
        await host.WhenStorageReadyAsync();
        var collect = azurite.Storage.Queue(StorageNames.CollectQueue);
        var score = azurite.Storage.Queue(StorageNames.ScoreQueue);
        await collect.SendMessageAsync("not a message");
        await score.SendMessageAsync("not a message");

        // The score listener polls as often as a collect listener would: once it has taken its message, a collect listener would have too.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await score.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, (await score.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var waiting = Assert.Single((await collect.PeekMessagesAsync(10)).Value);
        Assert.Equal("not a message", waiting.MessageText);
        Assert.Equal(0, waiting.DequeueCount);
    }
}
