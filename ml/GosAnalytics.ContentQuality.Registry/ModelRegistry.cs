using Azure;
using Azure.Storage.Blobs.Models;
using GosAnalytics.ContentQuality.Models;
using GosAnalytics.Storage;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.ContentQuality.Registry;

/// <summary>Which registered model scoring uses.</summary>
/// <param name="Version">The current model's version.</param>
/// <param name="PromotedAt">When it was promoted (UTC).</param>
/// <param name="Previous">The version it replaced, if any: what to promote again to roll back.</param>
public sealed record CurrentModelPointer(string Version, DateTimeOffset PromotedAt, string? Previous);

/// <summary>The outcome of a promotion.</summary>
/// <param name="Version">The promoted version.</param>
/// <param name="Previous">The version that was current before, if any.</param>
/// <param name="AlreadyCurrent">The version was already current; nothing changed.</param>
public sealed record PromotionResult(string Version, string? Previous, bool AlreadyCurrent);

/// <summary>
/// The versioned content-quality model registry in Blob storage (container <c>models</c>): each version's model.zip and
/// manifest.json under its content-addressed version, and <c>current.json</c> naming the version scoring uses. Promotion
/// uploads the model, then moves the pointer under an ETag, so a repeated or concurrent promotion leaves one consistent
/// pointer; loading checks the model against this build's featurisation.
/// </summary>
public sealed class ModelRegistry(StorageClients clients, JsonBlobStore blobs, TimeProvider time, ILogger<ModelRegistry> logger)
{
    /// <summary>The current pointer, or null when nothing was ever promoted.</summary>
    public async Task<CurrentModelPointer?> GetCurrentAsync(CancellationToken cancellationToken) =>
        await blobs.ReadAsync<CurrentModelPointer>(StorageNames.ModelsContainer, StorageNames.CurrentModelPointerBlob, cancellationToken);

    /// <summary>A registered version's manifest, or null when the version is not registered.</summary>
    public async Task<ModelManifest?> GetManifestAsync(string version, CancellationToken cancellationToken)
    {
        var bytes = await DownloadAsync(StorageNames.ModelManifestBlob(CheckVersion(version)), cancellationToken);
        return bytes is null ? null : ModelManifest.FromJson(bytes.ToMemory().Span);
    }

    /// <summary>The manifests of every registered version, oldest training first.</summary>
    public async Task<IReadOnlyList<ModelManifest>> ListAsync(CancellationToken cancellationToken)
    {
        var manifests = new List<ModelManifest>();
        foreach (var name in await blobs.ListAsync(StorageNames.ModelsContainer, string.Empty, cancellationToken))
        {
            if (name.EndsWith("/manifest.json", StringComparison.Ordinal) && await DownloadAsync(name, cancellationToken) is { } bytes)
            {
                manifests.Add(ModelManifest.FromJson(bytes.ToMemory().Span));
            }
        }

        return [.. manifests.OrderBy(m => m.TrainedAt).ThenBy(m => m.Version, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Loads a registered version. Throws <see cref="ModelSchemaMismatchException"/> when it was trained on another
    /// featurisation and <see cref="InvalidDataException"/> when it is missing or unreadable.
    /// </summary>
    public async Task<ContentQualityModel> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var manifest = await GetManifestAsync(version, cancellationToken)
            ?? throw new InvalidDataException($"Model {version} is not in the registry (no {StorageNames.ModelsContainer}/{StorageNames.ModelManifestBlob(version)}).");
        var zip = await DownloadAsync(StorageNames.ModelBlob(version), cancellationToken)
            ?? throw new InvalidDataException($"Model {version} has a manifest but no {StorageNames.ModelsContainer}/{StorageNames.ModelBlob(version)}.");
        using var stream = zip.ToStream();
        return ContentQualityModel.Load(stream, manifest);
    }

    /// <summary>Registers a model (idempotent: a version's files are content-addressed) without making it current.</summary>
    public async Task RegisterAsync(ContentQualityModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var zip = new MemoryStream();
        model.Save(zip);
        var container = clients.Container(StorageNames.ModelsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // The zip first and the manifest last: a manifest means a complete version, whatever line a process died at.
        await container.GetBlobClient(StorageNames.ModelBlob(model.Version)).UploadAsync(
            new BinaryData(zip.ToArray()), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } }, cancellationToken);
        await container.GetBlobClient(StorageNames.ModelManifestBlob(model.Version)).UploadAsync(
            new BinaryData(model.Manifest.ToJson()), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="model"/> the one scoring uses: registers it, then moves the pointer under an ETag. A model file
    /// of another featurisation never gets here: <see cref="ContentQualityModel.Load"/> refuses it.
    /// </summary>
    public async Task<PromotionResult> PromoteAsync(ContentQualityModel model, CancellationToken cancellationToken)
    {
        // A ContentQualityModel is trained by this build or loaded through its schema check, so it always fits this build.
        await RegisterAsync(model, cancellationToken);
        while (true)
        {
            var current = await blobs.ReadWithETagAsync<CurrentModelPointer>(StorageNames.ModelsContainer, StorageNames.CurrentModelPointerBlob, cancellationToken);
            if (current?.Document.Version == model.Version)
            {
                return new PromotionResult(model.Version, current.Value.Document.Previous, AlreadyCurrent: true);
            }

            var pointer = new CurrentModelPointer(model.Version, time.GetUtcNow(), current?.Document.Version);
            if (await blobs.TryReplaceAsync(StorageNames.ModelsContainer, StorageNames.CurrentModelPointerBlob, pointer, current?.ETag, cancellationToken))
            {
                logger.LogInformation("Content-quality model {Version} promoted (was {Previous})", model.Version, pointer.Previous ?? "none");
                return new PromotionResult(model.Version, pointer.Previous, AlreadyCurrent: false);
            }
        }
    }

    private async Task<BinaryData?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await clients.Container(StorageNames.ModelsContainer).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    private static string CheckVersion(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (version.Contains('/') || version.Contains('\\') || version.Contains(".."))
        {
            throw new ArgumentException($"'{version}' is not a model version.", nameof(version));
        }

        return version;
    }
}
