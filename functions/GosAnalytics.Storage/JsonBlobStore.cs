using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using GosAnalytics.Core.Json;

namespace GosAnalytics.Storage;

/// <summary>Reads and writes JSON documents in Blob Storage, gzip-compressed when the name ends in <c>.gz</c>.</summary>
public sealed class JsonBlobStore(StorageClients clients)
{
    /// <summary>Metadata key holding the SHA-256 of the uncompressed JSON of every written document.</summary>
    public const string HashMetadata = "sha256";

    /// <summary>Writes (overwrites) a document and returns the SHA-256 of its uncompressed JSON.</summary>
    public async Task<string> WriteAsync<T>(string container, string blobName, T document, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonConventions.Options);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));
        var payload = blobName.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(json) : json;
        var blob = clients.Container(container).GetBlobClient(blobName);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = "application/json",
                ContentEncoding = blobName.EndsWith(".gz", StringComparison.Ordinal) ? "gzip" : null,
            },
            Metadata = WithHash(metadata, hash),
        };
        await blob.UploadAsync(new BinaryData(payload), options, cancellationToken);
        return hash;
    }

    public async Task<T?> ReadAsync<T>(string container, string blobName, CancellationToken cancellationToken)
        where T : class
    {
        var result = await ReadWithETagAsync<T>(container, blobName, cancellationToken);
        return result?.Document;
    }

    /// <summary>Reads a document with its ETag, or null when the blob does not exist.</summary>
    public async Task<(T Document, ETag ETag)?> ReadWithETagAsync<T>(string container, string blobName, CancellationToken cancellationToken)
        where T : class
    {
        var blob = clients.Container(container).GetBlobClient(blobName);
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            var bytes = download.Value.Content.ToMemory();
            var document = Deserialize<T>(bytes, blobName);
            return (document, download.Value.Details.ETag);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Metadata of a blob, or null when it does not exist.</summary>
    public async Task<IDictionary<string, string>?> GetMetadataAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await clients.Container(container).GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Replaces a document only if it still has <paramref name="ifMatch"/> (or does not exist when it is null). False on conflict.</summary>
    public async Task<bool> TryReplaceAsync<T>(string container, string blobName, T document, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonConventions.Options);
        var conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await clients.Container(container).GetBlobClient(blobName).UploadAsync(
                new BinaryData(json),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = conditions },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException error) when (error.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in clients.Container(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }

    public Task DeleteIfExistsAsync(string container, string blobName, CancellationToken cancellationToken) =>
        clients.Container(container).GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private static T Deserialize<T>(ReadOnlyMemory<byte> bytes, string blobName)
    {
        var isGzip = bytes.Length > 2 && bytes.Span[0] == 0x1f && bytes.Span[1] == 0x8b;
        try
        {
            if (isGzip)
            {
                using var gzip = new GZipStream(new MemoryStream(bytes.ToArray()), CompressionMode.Decompress);
                return JsonSerializer.Deserialize<T>(gzip, JsonConventions.Options) ?? throw new InvalidDataException($"Blob '{blobName}' holds JSON null.");
            }

            return JsonSerializer.Deserialize<T>(bytes.Span, JsonConventions.Options) ?? throw new InvalidDataException($"Blob '{blobName}' holds JSON null.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Blob '{blobName}' is not a valid {typeof(T).Name} document: {error.Message}", error);
        }
    }

    private static byte[] Gzip(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    private static Dictionary<string, string> WithHash(IDictionary<string, string>? metadata, string hash)
    {
        var result = metadata is null ? [] : new Dictionary<string, string>(metadata);
        result[HashMetadata] = hash;
        return result;
    }
}
