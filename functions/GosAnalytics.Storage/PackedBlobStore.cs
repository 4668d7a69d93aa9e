using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs.Models;
using MemoryPack;
using Microsoft.IO;

namespace GosAnalytics.Storage;

/// <summary>
/// Reads and writes the compact documents HTTP serving loads (ranking and content tables): MemoryPack (strings as UTF-8), gzip.
/// They are binary because the national ones hold 100,000+ entries, which as JSON took seconds to parse on a cold instance. A
/// document is compressed into pooled 128 KB blocks before it is uploaded, so writing the national tables does not leave tens of
/// megabytes of large-object heap behind each time.
/// </summary>
public sealed class PackedBlobStore(StorageClients clients)
{
    public const string ContentType = "application/x-memorypack";

    private static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <summary>Writes (overwrites) a document.</summary>
    public async Task WriteAsync<T>(string container, string blobName, T document, CancellationToken cancellationToken)
        where T : IMemoryPackable<T>
    {
        await using var compressed = Buffers.GetStream(blobName);
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await MemoryPackSerializer.SerializeAsync(gzip, document, MemoryPackSerializerOptions.Utf8, cancellationToken);
        }

        compressed.Position = 0;
        await clients.Container(container).GetBlobClient(blobName).UploadAsync(
            compressed,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType, ContentEncoding = "gzip" } },
            cancellationToken);
    }

    /// <summary>Reads a document, or null when the blob does not exist.</summary>
    public async Task<T?> ReadAsync<T>(string container, string blobName, CancellationToken cancellationToken)
        where T : class, IMemoryPackable<T>
    {
        try
        {
            var download = await clients.Container(container).GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
            return await MemoryPackSerializer.DeserializeAsync<T>(gzip, cancellationToken: cancellationToken)
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
