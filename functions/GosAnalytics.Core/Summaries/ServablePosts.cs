using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Summaries;

/// <summary>
/// What <see cref="TopContent.KeepServable"/> keeps, accumulated over disjoint sets of pages — aggregation adds the country region by
/// region, so it never holds every candidate post at once. For each (platform, kind) group and sort key it keeps the group's best
/// <see cref="TopContent.MaxPlaces"/> in order; adding a set merges its ordered lists into these. Exact because a page's posts come in
/// one set: the per-page cap of an ordered list is then decided within that set.
/// </summary>
public sealed class ServablePosts
{
    private readonly Dictionary<(Platform, OrganisationKind), List<ContentPostEntry>[]> lists = [];

    /// <summary>Adds posts of pages none of whose posts were added before.</summary>
    public void Add(IReadOnlyList<ContentPostEntry> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var sorts = EnumCodes.All<ContentSort>();
        foreach (var group in posts.GroupBy(p => (p.Page.Platform, p.Page.Kind)))
        {
            if (!lists.TryGetValue(group.Key, out var kept))
            {
                lists[group.Key] = kept = [.. sorts.Select(_ => new List<ContentPostEntry>())];
            }

            foreach (var sort in sorts)
            {
                var current = kept[(int)sort];
                var added = TopContent.Order(group, sort).Take(TopContent.MaxPlaces).ToList();

                // Once a list is full, most additions cannot reach it: nothing to merge when their best is behind its last.
                if (added.Count > 0 && (current.Count < TopContent.MaxPlaces || TopContent.Compare(added[0], current[^1], sort) < 0))
                {
                    kept[(int)sort] = Merge(current, added, sort);
                }
            }
        }
    }

    /// <summary>Every post kept by any list, in the default order (by interactions, then identity).</summary>
    public IReadOnlyList<ContentPostEntry> Kept()
    {
        var kept = new HashSet<ContentPostEntry>(ReferenceEqualityComparer.Instance);
        foreach (var group in lists.Values)
        {
            foreach (var list in group)
            {
                kept.UnionWith(list);
            }
        }

        var ordered = kept.ToList();
        ordered.Sort((a, b) =>
        {
            var byInteractions = (b.Post.Interactions ?? -1).CompareTo(a.Post.Interactions ?? -1);
            return byInteractions != 0 ? byInteractions : TopContent.Compare(a, b, ContentSort.Interactions);
        });
        return ordered;
    }

    /// <summary>The first <see cref="TopContent.MaxPlaces"/> of two ordered lists of disjoint pages.</summary>
    private static List<ContentPostEntry> Merge(List<ContentPostEntry> a, List<ContentPostEntry> b, ContentSort sort)
    {
        var merged = new List<ContentPostEntry>(Math.Min(TopContent.MaxPlaces, a.Count + b.Count));
        int i = 0, j = 0;
        while (merged.Count < TopContent.MaxPlaces && (i < a.Count || j < b.Count))
        {
            merged.Add(j >= b.Count || (i < a.Count && TopContent.Compare(a[i], b[j], sort) <= 0) ? a[i++] : b[j++]);
        }

        return merged;
    }
}
