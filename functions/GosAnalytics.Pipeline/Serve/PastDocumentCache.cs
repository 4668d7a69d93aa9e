using System.Collections.Concurrent;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>
/// Documents of earlier served runs, by key, within a memory budget: the least recently used go first. Requests that miss a document
/// together wait for one load of it; a load that fails or is not to be kept (<c>keep</c> false, e.g. a rerun overwriting it) is not cached.
/// </summary>
internal sealed class PastDocumentCache(long capacityBytes)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, IRunSnapshot Snapshot, long Size)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, IRunSnapshot Snapshot, long Size)> recency = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IRunSnapshot?>>> loading = new(StringComparer.Ordinal);
    private long size;

    /// <summary>Bytes held now (by the sizes given).</summary>
    public long Size
    {
        get
        {
            lock (gate)
            {
                return size;
            }
        }
    }

    public async Task<IRunSnapshot?> GetAsync(string key, Func<Task<IRunSnapshot?>> load, Func<IRunSnapshot, bool> keep, Func<IRunSnapshot, long> sizeOf, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                return node.Value.Snapshot;
            }
        }

        var made = new Lazy<Task<IRunSnapshot?>>(load);
        var shared = loading.GetOrAdd(key, made);
        if (ReferenceEquals(shared, made))
        {
            // Kept (or not) and no longer loading in that order, so that a request in between finds it in one place or the other. The
            // load reads with no request's token: a request that gives up leaves it to finish for the others.
            _ = made.Value.ContinueWith(
                done =>
                {
                    if (done.IsCompletedSuccessfully && done.Result is { } snapshot && keep(snapshot))
                    {
                        Add(key, snapshot, sizeOf(snapshot));
                    }

                    loading.TryRemove(KeyValuePair.Create(key, made));
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return await shared.Value.WaitAsync(cancellationToken);
    }

    private void Add(string key, IRunSnapshot snapshot, long bytes)
    {
        if (bytes > capacityBytes)
        {
            return;
        }

        lock (gate)
        {
            if (entries.ContainsKey(key))
            {
                return;
            }

            entries[key] = recency.AddFirst((key, snapshot, bytes));
            size += bytes;
            while (size > capacityBytes && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                entries.Remove(oldest.Value.Key);
                size -= oldest.Value.Size;
            }
        }
    }
}
