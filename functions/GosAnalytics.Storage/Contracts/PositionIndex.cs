using System.Collections.Concurrent;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// A column table's positions by key, built on the first lookup (a table read only to be listed never pays for it) and safe to build
/// from two requests at once: both add the same positions, and the first position of a repeated key wins.
/// </summary>
internal sealed class PositionIndex<TKey>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> positions = new(comparer);

    private volatile bool built;

    /// <summary>
    /// The position of <paramref name="key"/> among the <paramref name="count"/> rows of <paramref name="table"/>, whose keys
    /// <paramref name="keyAt"/> reads, or -1. The table is passed, not captured, so that a static lambda costs no allocation per lookup.
    /// </summary>
    public int Of<TTable>(TKey key, TTable table, int count, Func<TTable, int, TKey> keyAt)
    {
        if (!built)
        {
            for (var i = 0; i < count; i++)
            {
                positions.TryAdd(keyAt(table, i), i);
            }

            built = true;
        }

        return positions.TryGetValue(key, out var position) ? position : -1;
    }
}
