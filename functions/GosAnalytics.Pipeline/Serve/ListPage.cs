namespace GosAnalytics.Pipeline.Serve;

/// <summary>The envelope of every list answer: the items of one page of a filtered list and where that page lies in it.</summary>
/// <param name="Total">Items under the filters, before paging.</param>
public sealed record ListPage<T>(int Total, int Skip, int Top, IReadOnlyList<T> Items)
{
    /// <summary>Pages <paramref name="all"/> (already filtered and sorted); <paramref name="select"/> gets each item and its 1-based place.</summary>
    public static ListPage<T> Of<TSource>(IReadOnlyList<TSource> all, int skip, int top, Func<TSource, int, T> select) =>
        new(all.Count, skip, top, all.Skip(skip).Take(top).Select((item, i) => select(item, skip + i + 1)).ToList());
}
