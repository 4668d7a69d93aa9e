namespace GosAnalytics.ContentQuality.Models;

/// <summary>
/// The default model shipped inside this library (ml/models/default, trained reproducibly from demo data: docs/model-card.md).
/// Scoring falls back to it until a model is promoted into the registry.
/// </summary>
public static class BundledModel
{
    private const string ZipResource = "default-model/model.zip";
    private const string ManifestResource = "default-model/manifest.json";

    /// <summary>Whether this build carries a default model.</summary>
    public static bool IsAvailable =>
        typeof(BundledModel).Assembly.GetManifestResourceInfo(ZipResource) is not null &&
        typeof(BundledModel).Assembly.GetManifestResourceInfo(ManifestResource) is not null;

    /// <summary>Loads the default model; throws <see cref="InvalidDataException"/> when the build carries none.</summary>
    public static ContentQualityModel Load()
    {
        var assembly = typeof(BundledModel).Assembly;
        using var manifestStream = assembly.GetManifestResourceStream(ManifestResource);
        using var zip = assembly.GetManifestResourceStream(ZipResource);
        if (manifestStream is null || zip is null)
        {
            throw new InvalidDataException("This build carries no default content-quality model (ml/models/default is empty); promote one into the registry.");
        }

        using var manifestBytes = new MemoryStream();
        manifestStream.CopyTo(manifestBytes);
        return ContentQualityModel.Load(zip, ModelManifest.FromJson(manifestBytes.ToArray()));
    }
}
