using Polly;
using Polly.Retry;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Retries a call that failed with <see cref="TransientPlatformException"/>: Polly's retry strategy, at most
/// <see cref="PlatformClientOptions.MaxAttempts"/> tries, exponential backoff from <see cref="PlatformClientOptions.RetryBaseDelay"/>
/// with Polly's decorrelated jitter, no pause longer than <see cref="MaxDelay"/> (bounds in docs/collectors.md).
/// </summary>
/// <remarks>
/// The pipelines are built once, when the client that owns this (a singleton) is built, and wait on the given clock, so a
/// FakeTimeProvider drives them in tests. Other exceptions, and cancellation, end the call at once.
/// </remarks>
internal sealed class TransientRetry
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly ResiliencePipeline calls;
    private readonly ResiliencePipeline<bool> rounds;

    public TransientRetry(PlatformClientOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);

        // Polly wants at least one retry; a single try needs no strategy at all.
        if (options.MaxAttempts <= 1)
        {
            calls = ResiliencePipeline.Empty;
            rounds = ResiliencePipeline<bool>.Empty;
            return;
        }

        var retryCalls = new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<TransientPlatformException>() };
        var retryRounds = new RetryStrategyOptions<bool> { ShouldHandle = new PredicateBuilder<bool>().HandleResult(true) };
        Configure(retryCalls, options);
        Configure(retryRounds, options);
        calls = new ResiliencePipelineBuilder { TimeProvider = clock }.AddRetry(retryCalls).Build();
        rounds = new ResiliencePipelineBuilder<bool> { TimeProvider = clock }.AddRetry(retryRounds).Build();
    }

    /// <summary>Runs <paramref name="call"/>, and again after a pause each time it throws <see cref="TransientPlatformException"/>, until the tries run out.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await calls.ExecuteAsync(static async (call, token) => await call(token), call, cancellationToken);
    }

    /// <summary>
    /// Runs rounds of work that can partly fail, e.g. the calls inside a VK <c>execute</c>: <paramref name="round"/> gets the
    /// round's number (1 = first) and answers whether some of its work should go again. The next round comes after the same
    /// pause as a retry of <see cref="RunAsync{T}"/>; there are at most <see cref="PlatformClientOptions.MaxAttempts"/> rounds.
    /// </summary>
    public async Task RunRoundsAsync(Func<int, CancellationToken, Task<bool>> round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var number = 0;
        await rounds.ExecuteAsync(async token => await round(++number, token), cancellationToken);
    }

    private static void Configure<T>(RetryStrategyOptions<T> retry, PlatformClientOptions options)
    {
        retry.MaxRetryAttempts = options.MaxAttempts - 1;
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.Delay = options.RetryBaseDelay;
        retry.MaxDelay = MaxDelay;

        // A platform that says when to come back (Retry-After) is believed, up to MaxDelay; otherwise (null) the backoff above.
        retry.DelayGenerator = arguments => new ValueTask<TimeSpan?>(
            arguments.Outcome.Exception is TransientPlatformException { RetryAfter: { } after } ? (after < MaxDelay ? after : MaxDelay) : null);
    }
}
