namespace GosAnalytics.Collectors.Http;

/// <summary>Retries a call that failed with <see cref="TransientPlatformException"/>, with exponential backoff and jitter.</summary>
internal sealed class TransientRetry(PlatformClientOptions options, TimeProvider clock)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (TransientPlatformException) when (attempt < options.MaxAttempts)
            {
                await Task.Delay(DelayBefore(attempt + 1), clock, cancellationToken);
            }
        }
    }

    /// <summary>The pause before the given try (2 = first retry): base × 2^(n−2), ±20 % jitter so that workers do not retry in step.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 2));
        var jittered = exponential * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
