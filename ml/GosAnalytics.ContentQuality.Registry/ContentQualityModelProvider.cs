using GosAnalytics.ContentQuality.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GosAnalytics.ContentQuality.Registry;

/// <summary>The model scoring uses and where it came from.</summary>
/// <param name="Model">The model.</param>
/// <param name="Source"><c>registry</c> (promoted) or <c>bundled</c> (the default shipped with the build).</param>
/// <param name="LoadedAt">When this process loaded it (UTC).</param>
/// <param name="RefusedVersion">A promoted version that could not be used, kept out of scoring, with <paramref name="RefusedReason"/>.</param>
/// <param name="RefusedReason">Why <paramref name="RefusedVersion"/> was refused.</param>
public sealed record ActiveModel(ContentQualityModel Model, string Source, DateTimeOffset LoadedAt, string? RefusedVersion = null, string? RefusedReason = null);

/// <summary>
/// Holds the content-quality model for the process: loaded once, shared by every scoring thread, and swapped when the
/// registry's pointer names another version (checked at most every <see cref="ContentQualityOptions.ModelRefreshSeconds"/>).
/// A promoted model that cannot be loaded (another featurisation, a broken file) is refused with an error log and the model
/// in use stays. Until something is promoted, the default model bundled with the build is used.
/// </summary>
public sealed class ContentQualityModelProvider(
    ModelRegistry registry,
    IOptions<ContentQualityOptions> options,
    TimeProvider time,
    ILogger<ContentQualityModelProvider> logger) : IDisposable
{
    public const string RegistrySource = "registry";
    public const string BundledSource = "bundled";

    private const int MaxPinnedVersions = 4;

    private readonly SemaphoreSlim refresh = new(1, 1);
    private readonly Dictionary<string, ContentQualityModel> pinned = new(StringComparer.Ordinal);
    private volatile ActiveModel? active;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;
    private ContentQualityModel? bundled;

    /// <summary>The model to score with now; reads the registry pointer when the last check is older than the refresh interval.</summary>
    public async Task<ActiveModel> GetAsync(CancellationToken cancellationToken)
    {
        var current = active;
        if (current is not null && time.GetUtcNow() - checkedAt < TimeSpan.FromSeconds(options.Value.ModelRefreshSeconds))
        {
            return current;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (active is { } fresh && time.GetUtcNow() - checkedAt < TimeSpan.FromSeconds(options.Value.ModelRefreshSeconds))
            {
                return fresh;
            }

            active = await ResolveAsync(active, cancellationToken);
            checkedAt = time.GetUtcNow();
            return active;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>
    /// The model of <paramref name="version"/>, as a run pinned it: the active model, the bundled default, or a registered
    /// version loaded once and kept (a run that started before a promotion finishes with the model it started with).
    /// </summary>
    public async Task<ContentQualityModel> GetVersionAsync(string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var current = await GetAsync(cancellationToken);
        if (current.Model.Version == version)
        {
            return current.Model;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (pinned.TryGetValue(version, out var kept))
            {
                return kept;
            }

            var model = BundledModel.IsAvailable && Bundled().Version == version
                ? Bundled()
                : await registry.LoadAsync(version, cancellationToken);

            // A handful of versions at most are in flight (a rerun of an old day, a promotion during a run).
            if (pinned.Count >= MaxPinnedVersions)
            {
                pinned.Clear();
            }

            pinned[version] = model;
            return model;
        }
        finally
        {
            refresh.Release();
        }
    }

    public void Dispose() => refresh.Dispose();

    private async Task<ActiveModel> ResolveAsync(ActiveModel? current, CancellationToken cancellationToken)
    {
        var pointer = await registry.GetCurrentAsync(cancellationToken);
        if (pointer is null)
        {
            return current is { Source: BundledSource } ? current : LoadBundled();
        }

        if (current is not null && current.Source == RegistrySource && current.Model.Version == pointer.Version)
        {
            return current;
        }

        // Refused once is refused until the pointer moves: no reload and no new error on every check.
        if (current is not null && pointer.Version == current.RefusedVersion)
        {
            return current;
        }

        try
        {
            var model = await registry.LoadAsync(pointer.Version, cancellationToken);
            logger.LogInformation("Content-quality model {Version} loaded from the registry (was {Previous})", model.Version, current?.Model.Version ?? "none");
            return new ActiveModel(model, RegistrySource, time.GetUtcNow());
        }
        catch (Exception e) when (e is ModelSchemaMismatchException or InvalidDataException)
        {
            logger.LogError("Content-quality model {Version} named current in the registry is refused; scoring keeps {Kept}: {Reason}",
                pointer.Version, current?.Model.Version ?? "the bundled default", e.Message);
            return (current ?? LoadBundled()) with { RefusedVersion = pointer.Version, RefusedReason = e.Message };
        }
    }

    private ContentQualityModel Bundled() => bundled ??= BundledModel.Load();

    private ActiveModel LoadBundled()
    {
        var model = Bundled();
        logger.LogInformation("No content-quality model promoted yet; scoring uses the bundled default {Version}", model.Version);
        return new ActiveModel(model, BundledSource, time.GetUtcNow());
    }
}
