using System.ComponentModel.DataAnnotations;

namespace GosAnalytics.Collectors.Http;

/// <summary>Settings every platform client shares: where it calls, how long it waits and how it retries.</summary>
internal abstract class PlatformClientOptions
{
    /// <summary>The platform's base address. A setting, so that tests, proxies and mirrors can point it elsewhere.</summary>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>How long one HTTP request may take before it counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries of one call when it fails transiently (timeouts, HTTP 5xx, the platform's "try again" codes).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// The first retry's delay (the median, with jitter); retries then come after about 2, 4, 8… times it, no pause longer than
    /// <see cref="TransientRetry.MaxDelay"/> (bounds in docs/collectors.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
