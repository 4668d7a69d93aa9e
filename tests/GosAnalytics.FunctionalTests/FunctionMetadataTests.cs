using System.Text.Json;
using GosAnalytics.Functions.Stages;
using GosAnalytics.LocalHost.Hosting;

namespace GosAnalytics.FunctionalTests;

/// <summary>Reads the functions.metadata that the Functions build writes — the file the real Functions host reads.</summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Metadata = new(Load);

    [Theory]
    [InlineData(nameof(CollectBatch), "collect")]
    [InlineData(nameof(ScoreBatch), "score")]
    [InlineData(nameof(AggregateRun), "aggregate")]
    [InlineData("CollectPoisoned", "collect-poison")]
    [InlineData("ScorePoisoned", "score-poison")]
    [InlineData("AggregatePoisoned", "aggregate-poison")]
    public void Queue_functions_are_triggered_by_their_queue_on_the_host_storage_connection(string function, string queue)
    {
        var trigger = Trigger(function);
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Daily_timer_reads_its_schedule_from_the_DailyRunSchedule_app_setting()
    {
        var trigger = Trigger(nameof(StartDailyRun));
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DailyRunSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean(), "RunOnStartup must stay off in production.");
    }

    [Fact]
    public void The_stalled_run_check_runs_every_ten_minutes_and_not_at_startup()
    {
        var trigger = Trigger(nameof(MoveStalledRuns));
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("0 */10 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Fact]
    public void The_MAX_long_poll_timer_fires_every_ten_seconds_and_not_at_startup()
    {
        var trigger = Trigger(nameof(PollMaxUpdates));
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("*/10 * * * * *", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Theory]
    [InlineData("GetRankings", "rankings", "get", "Anonymous")]
    [InlineData("GetPage", "pages/{platform}/{pageId}", "get", "Anonymous")]
    [InlineData("GetPageHistory", "pages/{platform}/{pageId}/history", "get", "Anonymous")]
    [InlineData("GetLatestRun", "runs/latest", "get", "Anonymous")]
    [InlineData("GetModel", "model", "get", "Anonymous")]
    [InlineData("StartRun", "runs", "post", "Admin")]
    [InlineData("GetRegions", "regions", "get", "Anonymous")]
    [InlineData("GetRegion", "regions/{code}", "get", "Anonymous")]
    [InlineData("GetRegionHistory", "regions/{code}/history", "get", "Anonymous")]
    [InlineData("GetOrganisations", "organisations", "get", "Anonymous")]
    [InlineData("GetOrganisation", "organisations/{id}", "get", "Anonymous")]
    [InlineData("GetTopPosts", "posts/top", "get", "Anonymous")]
    [InlineData("GetWorklists", "regions/{code}/worklists", "get", "Anonymous")]
    [InlineData("GetWeeklyReport", "reports/weekly", "get", "Anonymous")]
    [InlineData("GetTopBroadcasts", "broadcasts/top", "get", "Anonymous")]
    [InlineData("GetOpenApi", "openapi.json", "get", "Anonymous")]
    [InlineData("GetDashboard", "dashboard", "get", "Anonymous")]
    [InlineData("ImportRegistry", "registry", "post", "Function")]
    [InlineData("ReceiveMaxUpdate", "max/webhook", "post", "Anonymous")]
    [InlineData("ListMaxChannels", "max/channels", "get", "Function")]
    [InlineData("ConfirmMaxChannel", "max/channels/{chatId}/confirm", "post", "Function")]
    [InlineData("DismissMaxChannel", "max/channels/{chatId}/dismiss", "post", "Function")]
    public void Http_functions_have_the_contract_routes_methods_and_authorization(string function, string route, string method, string authLevel)
    {
        var trigger = Trigger(function);
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void Metadata_lists_exactly_the_pipeline_functions()
    {
        Assert.Equal(
            new[]
            {
                "AggregatePoisoned", nameof(AggregateRun), nameof(CollectBatch), "CollectPoisoned", "ConfirmMaxChannel", "DismissMaxChannel", "GetDashboard", "GetLatestRun", "GetModel", "GetOpenApi",
                "GetOrganisation", "GetOrganisations", "GetPage", "GetPageHistory", "GetRankings", "GetRegion", "GetRegionHistory", "GetRegions", "GetTopBroadcasts", "GetTopPosts", "GetUnansweredComments", "GetWeeklyReport", "GetWorklists", "ImportRegistry", "ListMaxChannels", nameof(MoveStalledRuns), nameof(PollMaxUpdates),
                "ReceiveMaxUpdate", nameof(ScoreBatch), "ScorePoisoned", "SearchPages", nameof(StartDailyRun), "StartRun",
            },
            Metadata.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Local_host_discovers_the_same_functions_triggers_and_routes_as_the_metadata()
    {
        var discovered = FunctionCatalog.Discover(typeof(StartDailyRun).Assembly);
        Assert.Equal(Metadata.Value.Keys.Order(StringComparer.Ordinal), discovered.Select(f => f.Name));
        foreach (var function in discovered)
        {
            var trigger = Trigger(function.Name);
            switch (function.Trigger)
            {
                case TriggerKind.Http:
                    Assert.Equal(trigger.GetProperty("route").GetString(), function.Route);
                    Assert.Equal(trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()), function.HttpMethods);
                    break;
                case TriggerKind.Queue:
                    Assert.Equal(trigger.GetProperty("queueName").GetString(), function.QueueName);
                    break;
                case TriggerKind.Timer:
                    Assert.Equal(trigger.GetProperty("schedule").GetString(), function.Schedule);
                    break;
            }
        }
    }

    private static JsonElement Trigger(string function) =>
        Metadata.Value[function].GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static IReadOnlyDictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions build did not write {path}.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }
}
