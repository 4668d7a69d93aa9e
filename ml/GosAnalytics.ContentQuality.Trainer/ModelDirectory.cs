using System.IO.Compression;
using GosAnalytics.ContentQuality.Models;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// A model on disk as the registry and the bundled default hold it: <c>DIR/model.zip</c> (ML.NET) beside <c>DIR/manifest.json</c>.
/// Writes go to temporary names first and are moved into place only when both files are complete.
/// </summary>
internal static class ModelDirectory
{
    public const string ModelFile = "model.zip";
    public const string ManifestFile = "manifest.json";

    /// <summary>Writes both files; returns their full paths. <paramref name="manifest"/> may add to the model's own (the hidden-effect check).</summary>
    public static (string Model, string Manifest) Save(ContentQualityModel model, ModelManifest manifest, string directory)
    {
        var full = Path.GetFullPath(directory);
        var modelPath = Path.Combine(full, ModelFile);
        var manifestPath = Path.Combine(full, ManifestFile);
        var suffix = $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllBytes(modelPath + suffix, ReproducibleZip(model, manifest.TrainedAt));
            File.WriteAllBytes(manifestPath + suffix, manifest.ToJson());

            // The zip first and the manifest last, as the registry does: a manifest beside a zip means the pair is complete.
            File.Move(modelPath + suffix, modelPath, overwrite: true);
            File.Move(manifestPath + suffix, manifestPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteIfPossible(modelPath + suffix);
            DeleteIfPossible(manifestPath + suffix);
            throw new CliFailure(ExitCodes.RuntimeFailure, $"cannot write the model to {full}: {e.Message}");
        }

        return (modelPath, manifestPath);
    }

    /// <summary>Removes a temporary file; in a directory that could not be created there is none, and that is no second error.</summary>
    private static void DeleteIfPossible(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure being reported is the one that matters.
        }
    }

    /// <summary>Loads a model directory; a missing file, a bad manifest or another featurisation is a <see cref="CliFailure"/> (exit 2).</summary>
    public static ContentQualityModel Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        var modelPath = Path.Combine(full, ModelFile);
        var manifestPath = Path.Combine(full, ManifestFile);
        foreach (var path in new[] { manifestPath, modelPath }.Where(p => !File.Exists(p)))
        {
            throw CliFailure.BadInput($"{path} does not exist: a model directory holds {ModelFile} and {ManifestFile}, as train --out writes them.");
        }

        try
        {
            var manifest = ModelManifest.FromJson(File.ReadAllBytes(manifestPath));
            using var zip = File.OpenRead(modelPath);
            return ContentQualityModel.Load(zip, manifest);
        }
        catch (ModelSchemaMismatchException e)
        {
            throw CliFailure.BadInput($"{full}: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw CliFailure.BadInput($"{full}: {e.Message}");
        }
    }

    /// <summary>
    /// The model's ML.NET zip with every entry stamped <paramref name="timestamp"/> instead of the wall clock, so that the same
    /// training gives byte-identical files (the shipped default model is checked into the repository).
    /// </summary>
    private static byte[] ReproducibleZip(ContentQualityModel model, DateTimeOffset timestamp)
    {
        using var original = new MemoryStream();
        model.Save(original);
        original.Position = 0;
        using var output = new MemoryStream();
        using (var source = new ZipArchive(original, ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = timestamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
