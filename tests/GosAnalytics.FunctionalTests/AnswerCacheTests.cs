using GosAnalytics.Functions.Api;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.FunctionalTests;

/// <summary>The answer cache of the read routes: one making per question, whatever the number of clients asking at once.</summary>
public sealed class AnswerCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task Requests_that_miss_the_cache_together_wait_for_one_making_of_the_answer()
    {
        using var cache = NewCache();
        var made = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Answer?> Make(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref made);
            await gate.Task;
            return Answer.Json(new { status = "collecting" });
        }

        var requests = Enumerable.Range(0, 50).Select(_ => ServeAsync(cache, Make)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, made);
        Assert.All(results, result => Assert.IsType<AnswerResult>(result));
        await ServeAsync(cache, Make);
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task A_stale_live_answer_is_served_at_once_while_one_refresh_makes_the_next()
    {
        using var cache = NewCache();
        var version = 0;
        var refresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Answer?> Make(CancellationToken cancellationToken)
        {
            var made = Interlocked.Increment(ref version);
            if (made > 1)
            {
                await refresh.Task;
            }

            return Answer.Json(new { version = made });
        }

        var first = Assert.IsType<AnswerResult>(await ServeAsync(cache, Make));
        clock.Advance(Lifetime);

        // Stale now: every request still gets the first answer without waiting, and one refresh is under way.
        var stale = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ServeAsync(cache, Make)));
        Assert.All(stale, result => Assert.Equal(ETagOf(first), ETagOf(result)));
        Assert.Equal(2, version);

        refresh.SetResult();
        await WaitUntilAsync(async () => ETagOf(await ServeAsync(cache, Make)) != ETagOf(first));
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task A_question_without_an_answer_is_asked_again_next_time_and_gets_the_routes_not_found()
    {
        using var cache = NewCache();
        var made = 0;
        Task<Answer?> Make(CancellationToken cancellationToken)
        {
            made++;
            return Task.FromResult<Answer?>(null);
        }

        Assert.IsType<NotFoundResult>(await ServeAsync(cache, Make));
        Assert.IsType<NotFoundResult>(await ServeAsync(cache, Make));
        Assert.Equal(2, made);
    }

    private static Task<IActionResult> ServeAsync(AnswerCache cache, Func<CancellationToken, Task<Answer?>> make)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/runs/latest";
        return cache.ServeForAsync(context.Request, Lifetime, make, () => new NotFoundResult(), CancellationToken.None);
    }

    private static string ETagOf(IActionResult result)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        result.ExecuteResultAsync(new ActionContext { HttpContext = context }).GetAwaiter().GetResult();
        return context.Response.Headers.ETag.ToString();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The refresh did not land.");
            await Task.Delay(10);
        }
    }

    private AnswerCache NewCache()
    {
        // The reader is not asked: these answers are cached by time, not by the served run.
        var storage = StorageClients.FromConnectionString("UseDevelopmentStorage=true");
        var reader = new RankingReader(new JsonBlobStore(storage), new PackedBlobStore(storage), new ServedPointerStore(new JsonBlobStore(storage)), Options.Create(new ServeOptions()), clock);
        return new AnswerCache(reader, Options.Create(new ServeOptions()), clock, NullLogger<AnswerCache>.Instance);
    }
}
