using GosAnalytics.Collectors.Http;
using GosAnalytics.Collectors.Vk;
using GosAnalytics.Core.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.Collectors.Tests.Vk;

public sealed class VkTokenPoolTests
{
    private static readonly DateTimeOffset Noon = MoscowTime.StartOfDay(new DateOnly(2026, 11, 20)).AddHours(12);

    [Fact]
    public async Task A_token_parked_on_error_29_serves_again_from_the_next_Moscow_day()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Name = "svc", Token = "t1" });
        var lease = await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);

        await pool.ReportDailyLimitAsync(lease, CancellationToken.None);

        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal("svc", (await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task The_daily_wall_get_budget_is_spent_per_call_inside_execute_and_renews_the_next_day()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Token = "t1", DailyWallGetBudget = 30 });

        await pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        var exhausted = await Assert.ThrowsAsync<VkTokensExhaustedException>(() => pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None));
        Assert.Contains("1 without 25 wall.get calls of daily budget left", exhausted.Message, StringComparison.Ordinal);
        await pool.AcquireAsync(new VkTokenNeeds(false, 5), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        await pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
    }

    [Fact]
    public async Task A_captcha_pauses_only_that_token_for_the_configured_time()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Name = "a", Token = "t1" }, new VkTokenOptions { Name = "b", Token = "t2" });
        var first = await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);

        await pool.ReportCaptchaAsync(first, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotEqual(first.Name, (await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(first.Name, (await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
        clock.Advance(pool.CaptchaPause);
        var names = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            names.Add((await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
        }

        Assert.Contains(first.Name, names);
    }

    [Fact]
    public async Task An_empty_pool_and_a_pool_without_a_user_token_fail_with_the_setting_to_fix()
    {
        var empty = Pool(new FakeTimeProvider(Noon));
        var serviceOnly = Pool(new FakeTimeProvider(Noon), new VkTokenOptions { Token = "t1" });

        var none = await Assert.ThrowsAsync<PlatformAuthException>(() => empty.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        var noUser = await Assert.ThrowsAsync<PlatformAuthException>(() => serviceOnly.AcquireAsync(new VkTokenNeeds(true, 0), CancellationToken.None));

        Assert.Contains("Vk:Tokens", none.Message, StringComparison.Ordinal);
        Assert.Contains("user token", noUser.Message, StringComparison.Ordinal);
        Assert.False(serviceOnly.HasUserToken);
    }

    [Fact]
    public async Task Requests_that_find_no_free_turn_get_the_next_turns_in_the_order_they_came()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Name = "svc", Token = "t1", RequestsPerSecond = 10 });
        await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);
        var interval = TimeSpan.FromSeconds(1 / (10 * RequestPacer.Headroom));

        var queued = Enumerable.Range(0, 3).Select(_ => pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).ToList();
        Assert.All(queued, request => Assert.False(request.IsCompleted));

        for (var served = 1; served <= 3; served++)
        {
            clock.Advance(interval);
            Assert.Equal(served, queued.Count(request => request.IsCompletedSuccessfully));
            Assert.True(queued.Take(served).All(request => request.IsCompletedSuccessfully), "first come, first served");
        }
    }

    [Fact]
    public async Task A_cancelled_waiting_request_leaves_the_queue_and_the_next_one_gets_the_turn()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Name = "svc", Token = "t1", RequestsPerSecond = 10 });
        await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = pool.AcquireAsync(VkTokenNeeds.Any, cancel.Token);
        var next = pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);

        await cancel.CancelAsync();
        clock.Advance(TimeSpan.FromSeconds(1 / (10 * RequestPacer.Headroom)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("svc", (await next).Name);
    }

    [Fact]
    public async Task A_waiting_request_that_no_token_can_serve_any_more_learns_why_instead_of_waiting_for_ever()
    {
        var clock = new FakeTimeProvider(Noon);
        var pool = Pool(clock, new VkTokenOptions { Name = "svc", Token = "t1", RequestsPerSecond = 10 });
        var first = await pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);
        var waiting = pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);

        await pool.ReportDailyLimitAsync(first, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => waiting);
    }

    [Fact]
    public void Default_rates_follow_VK_limits_per_token_type()
    {
        Assert.Equal(3, VkTokenPool.DefaultRate(VkTokenType.User));
        Assert.Equal(20, VkTokenPool.DefaultRate(VkTokenType.Group));
        Assert.Equal(5, VkTokenPool.DefaultRate(VkTokenType.Service));
    }

    private static VkTokenPool Pool(TimeProvider clock, params VkTokenOptions[] tokens) =>
        new(Options.Create(new VkOptions { Tokens = [.. tokens] }), clock, NullLogger<VkTokenPool>.Instance);
}
