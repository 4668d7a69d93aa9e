using GosAnalytics.Collectors.Http;
using GosAnalytics.Collectors.Ok;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.Collectors.Tests;

/// <summary>
/// The retry on a fake clock: every pause is a timer of the <see cref="FakeTimeProvider"/>, and the clock is moved on in small
/// steps, so each try runs (synchronously, inside the Advance that ends its pause) no more than one step after it was due.
/// </summary>
public sealed class TransientRetryTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// docs/collectors.md: the k-th retry starts between these many base delays after the first try failed (pauses added up;
    /// Polly's exponential backoff with decorrelated jitter, whose middle lies near 1, 2, 4, 8, 16 base delays).
    /// </summary>
    private static readonly (double From, double To)[] RetryStarts = [(0, 1.38), (1.38, 2.84), (2.84, 5.70), (5.70, 11.42), (11.42, 22.85)];

    [Fact]
    public async Task Each_retry_starts_within_the_documented_bounds_and_the_jitter_spreads_them()
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = RetryStarts.Length + 1, RetryBaseDelay = baseDelay }, clock);
        var firstRetries = new HashSet<TimeSpan>();
        for (var run = 0; run < 100; run++)
        {
            var (tries, outcome) = await RunAsync(retry, clock, failures: int.MaxValue);

            await Assert.ThrowsAsync<TransientPlatformException>(() => outcome);
            Assert.Equal(RetryStarts.Length + 1, tries.Count);
            for (var k = 1; k < tries.Count; k++)
            {
                // .NET timers count whole milliseconds, so each pause may come up to 1 ms early; the steps make a try up to 1 ms late.
                var (from, to) = RetryStarts[k - 1];
                var since = tries[k] - tries[0];
                Assert.InRange(since, (baseDelay * from) - TimeSpan.FromMilliseconds(10), (baseDelay * to) + TimeSpan.FromMilliseconds(10));
            }

            firstRetries.Add(tries[1] - tries[0]);
        }

        Assert.True(firstRetries.Count > 50, $"only {firstRetries.Count} different first pauses in 100 runs: no jitter");
    }

    [Fact]
    public async Task No_pause_is_longer_than_the_cap()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = 10, RetryBaseDelay = TimeSpan.FromMinutes(1) }, clock);

        var (tries, outcome) = await RunAsync(retry, clock, failures: int.MaxValue, step: TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<TransientPlatformException>(() => outcome);
        var pauses = tries.Zip(tries.Skip(1), (earlier, later) => later - earlier).ToList();
        Assert.Equal(9, pauses.Count);
        Assert.All(pauses, pause => Assert.InRange(pause, TimeSpan.Zero, TransientRetry.MaxDelay + TimeSpan.FromMilliseconds(100)));
        Assert.Contains(pauses, pause => pause >= TransientRetry.MaxDelay);
    }

    [Fact]
    public async Task A_call_that_recovers_answers_its_value_after_the_failed_tries()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, clock);

        var (tries, outcome) = await RunAsync(retry, clock, failures: 3);

        Assert.Equal(4, await outcome);
        Assert.Equal(4, tries.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task A_call_that_keeps_failing_is_tried_max_attempts_times_and_its_last_failure_escapes(int maxAttempts)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = maxAttempts, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, clock);

        var (tries, outcome) = await RunAsync(retry, clock, failures: int.MaxValue);

        var failure = await Assert.ThrowsAsync<TransientPlatformException>(() => outcome);
        Assert.Equal($"try {maxAttempts} failed", failure.Message);
        Assert.Equal(maxAttempts, tries.Count);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }, clock);
        var tries = 0;

        await Assert.ThrowsAsync<PermanentPageException>(() => retry.RunAsync<int>(_ =>
        {
            tries++;
            throw new PermanentPageException("gone");
        }, CancellationToken.None));

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task Cancellation_during_a_pause_ends_the_call_without_another_try()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromSeconds(1) }, clock);
        using var cancellation = new CancellationTokenSource();
        var tries = 0;

        var outcome = retry.RunAsync<int>(_ =>
        {
            tries++;
            return Task.FromException<int>(new TransientPlatformException("later"));
        }, cancellation.Token);
        await cancellation.CancelAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outcome);
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task Rounds_go_on_while_work_is_left_with_the_same_pauses_up_to_max_attempts()
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var retry = new TransientRetry(new OkOptions { MaxAttempts = 4, RetryBaseDelay = baseDelay }, clock);
        var start = clock.GetUtcNow();
        var rounds = new List<(int Number, TimeSpan At)>();

        await DriveAsync(clock, Step, () => retry.RunRoundsAsync((number, _) =>
        {
            rounds.Add((number, clock.GetUtcNow() - start));
            return Task.FromResult(true);
        }, CancellationToken.None));

        Assert.Equal([1, 2, 3, 4], rounds.Select(round => round.Number));
        for (var k = 1; k < rounds.Count; k++)
        {
            Assert.InRange(rounds[k].At, (baseDelay * RetryStarts[k - 1].From) - TimeSpan.FromMilliseconds(10), (baseDelay * RetryStarts[k - 1].To) + TimeSpan.FromMilliseconds(10));
        }

        var numbers = new List<int>();
        await DriveAsync(clock, Step, () => retry.RunRoundsAsync((number, _) =>
        {
            numbers.Add(number);
            return Task.FromResult(number < 2);
        }, CancellationToken.None));
        Assert.Equal([1, 2], numbers);
    }

    /// <summary>Runs a call that fails transiently <paramref name="failures"/> times, then answers its try's number; records when each try began.</summary>
    private static async Task<(List<TimeSpan> Tries, Task<int> Outcome)> RunAsync(TransientRetry retry, FakeTimeProvider clock, int failures, TimeSpan? step = null)
    {
        var start = clock.GetUtcNow();
        var tries = new List<TimeSpan>();
        var outcome = await DriveAsync(clock, step ?? Step, () => retry.RunAsync(_ =>
        {
            tries.Add(clock.GetUtcNow() - start);
            return tries.Count <= failures
                ? Task.FromException<int>(new TransientPlatformException($"try {tries.Count} failed"))
                : Task.FromResult(tries.Count);
        }, CancellationToken.None));
        return (tries, outcome);
    }

    /// <summary>
    /// Starts the work and moves the clock on in steps until it ends (at most an hour of fake time). Both happen on a thread
    /// pool thread, away from the test framework's synchronisation context, so that a pause's continuation runs inside the
    /// Advance that ends it and each try sees the clock of its own step.
    /// </summary>
    private static async Task<TTask> DriveAsync<TTask>(FakeTimeProvider clock, TimeSpan step, Func<TTask> start)
        where TTask : Task
    {
        var task = await Task.Run(() =>
        {
            var work = start();
            var limit = clock.GetUtcNow() + TimeSpan.FromHours(1);
            while (!work.IsCompleted && clock.GetUtcNow() < limit)
            {
                clock.Advance(step);
            }

            return work;
        });
        Assert.True(task.IsCompleted, "the retry did not end within an hour of fake time");
        return task;
    }
}
