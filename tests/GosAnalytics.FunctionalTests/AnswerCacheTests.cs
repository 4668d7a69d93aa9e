using GosAnalytics.Functions.Api;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GosAnalytics.FunctionalTests;

/// <summary>The answer cache of the read routes: one making per question, whatever the number of clients asking at once.</summary>
public sealed class AnswerCacheTests
{
    [Fact]
    public async Task Requests_that_miss_the_cache_together_wait_for_one_making_of_the_answer()
    {
        using var cache = NewCache();
        var made = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Answer?> Make()
        {
            Interlocked.Increment(ref made);
            await gate.Task;
            return Answer.Json(new { status = "collecting" });
        }

        var requests = Enumerable.Range(0, 50).Select(_ => cache.ServeForAsync(Request("/api/runs/latest"), TimeSpan.FromMinutes(1), Make, () => new NotFoundResult())).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, made);
        Assert.All(results, result => Assert.IsType<AnswerResult>(result));
        await cache.ServeForAsync(Request("/api/runs/latest"), TimeSpan.FromMinutes(1), Make, () => new NotFoundResult());
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task A_question_without_an_answer_is_asked_again_next_time_and_gets_the_routes_not_found()
    {
        using var cache = NewCache();
        var made = 0;
        Task<Answer?> Make()
        {
            made++;
            return Task.FromResult<Answer?>(null);
        }

        var first = await cache.ServeForAsync(Request("/api/runs/latest"), TimeSpan.FromMinutes(1), Make, () => new NotFoundResult());
        var second = await cache.ServeForAsync(Request("/api/runs/latest"), TimeSpan.FromMinutes(1), Make, () => new NotFoundResult());

        Assert.IsType<NotFoundResult>(first);
        Assert.IsType<NotFoundResult>(second);
        Assert.Equal(2, made);
    }

    private static AnswerCache NewCache()
    {
        // The reader is not asked: these answers are cached by time, not by the served run.
        var storage = StorageClients.FromConnectionString("UseDevelopmentStorage=true");
        var reader = new RankingReader(new JsonBlobStore(storage), new PackedBlobStore(storage), Options.Create(new ServeOptions()), TimeProvider.System);
        return new AnswerCache(reader, Options.Create(new ServeOptions()));
    }

    private static HttpRequest Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context.Request;
    }
}
