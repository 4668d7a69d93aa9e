using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs.Models;
using MemoryPack;

namespace GosAnalytics.Storage;

/// <summary>
/// Reads and writes the compact documents HTTP serving loads (ranking and content tables): MemoryPack, gzip-compressed. They are
/// binary because the national ones hold 100,000+ entries, which as JSON took seconds to parse on a cold instance.
/// </summary>
public sealed class PackedBlobStore(StorageClients clients)
{
    public const string ContentType = "application/x-memorypack";

    /// <summary>Writes (overwrites) a document; returns its compressed size in bytes.</summary>
    public async Task<long> WriteAsync<T>(string container, string blobName, T document, CancellationToken cancellationToken)
        where T : IMemoryPackable<T>
    {
        var packed = MemoryPackSerializer.Serialize(document);
        using var output = new MemoryStream(packed.Length / 3);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(packed);
        }

        var blob = clients.Container(container).GetBlobClient(blobName);
        await blob.UploadAsync(
            new BinaryData(output.GetBuffer().AsMemory(0, (int)output.Length)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType, ContentEncoding = "gzip" } },
            cancellationToken);
        return output.Length;
    }

    /// <summary>Reads a document, or null when the blob does not exist.</summary>
    public async Task<T?> ReadAsync<T>(string container, string blobName, CancellationToken cancellationToken)
        where T : class, IMemoryPackable<T>
    {
        try
        {
            var download = await clients.Container(container).GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            using var gzip = new GZipStream(download.Value.Content.ToStream(), CompressionMode.Decompress);
            using var unpacked = new MemoryStream();
            await gzip.CopyToAsync(unpacked, cancellationToken);
            return MemoryPackSerializer.Deserialize<T>(unpacked.GetBuffer().AsSpan(0, (int)unpacked.Length))
                ?? throw new InvalidDataException($"Blob '{blobName}' holds no {typeof(T).Name}.");
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
        catch (Exception error) when (error is MemoryPackSerializationException or InvalidDataException)
        {
            throw new InvalidDataException($"Blob '{blobName}' is not a readable {typeof(T).Name} document: {error.Message}", error);
        }
    }
}
