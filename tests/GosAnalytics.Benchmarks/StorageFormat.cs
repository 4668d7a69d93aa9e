using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GosAnalytics.Core.Json;
using MemoryPack;

namespace GosAnalytics.Benchmarks;

/// <summary>
/// The CPU part of JsonBlobStore for <c>.json.gz</c> blobs, without the upload: System.Text.Json with
/// <see cref="JsonConventions.Options"/>, SHA-256 of the JSON (written as blob metadata), gzip at <see cref="CompressionLevel.Fastest"/>;
/// and the reverse for a download.
/// </summary>
internal static class StorageFormat
{
    /// <summary>
    /// What-if, not the pipeline's format: <see cref="JsonConventions.Options"/> with an encoder that writes Cyrillic as UTF-8
    /// instead of <c>\uXXXX</c> escapes (HTML-sensitive characters stay escaped).
    /// </summary>
    public static JsonSerializerOptions CyrillicOptions { get; } =
        new(JsonConventions.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Cyrillic) };

    public static (byte[] Gzipped, string Hash, int JsonBytes) Write<T>(T document, JsonSerializerOptions? options = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document, options ?? JsonConventions.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return (output.ToArray(), hash, json.Length);
    }

    /// <summary>The CPU part of PackedBlobStore: MemoryPack, gzip at <see cref="CompressionLevel.Fastest"/>.</summary>
    public static byte[] Pack<T>(T document)
        where T : IMemoryPackable<T>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(MemoryPackSerializer.Serialize(document));
        }

        return output.ToArray();
    }

    public static T Unpack<T>(byte[] gzipped)
        where T : class, IMemoryPackable<T>
    {
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        gzip.CopyTo(unpacked);
        return MemoryPackSerializer.Deserialize<T>(unpacked.ToArray()) ?? throw new InvalidDataException("The document is empty.");
    }

    public static T Read<T>(byte[] gzipped, JsonSerializerOptions? options = null)
        where T : class
    {
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, options ?? JsonConventions.Options) ?? throw new InvalidDataException("The document is JSON null.");
    }
}
