using System.Runtime.CompilerServices;
using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Registry;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/pages?search=…</c>.</summary>
/// <param name="Total">Pages that match, of which the first <see cref="PageSearchQuery.Top"/> are listed.</param>
public sealed record PageSearchResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    string Search,
    Period Period,
    int Total,
    IReadOnlyList<PageSearchItem> Items);

/// <summary>A page that matches a search: who it is, where, and where it stands nationally in the period.</summary>
public sealed record PageSearchItem(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    string? Url,
    int RegionCode,
    string? RegionName,
    OrganisationKind Kind,
    double Index,
    int NationalRank);

public sealed record PageSearchQuery(string Search, Period Period, int Top)
{
    public const int DefaultTop = 20;
    public const int MaxTop = 50;
    public const int MaxSearchLength = 300;
}

/// <summary>
/// Finds pages of the served run by name, screen name, page id or address, and resolves a screen name or address to its page. Searches
/// the served run's national ranking table (every ranked page): a linear scan of its names, folded once per table (lower case, ё as е),
/// which is fast enough for the country (docs/benchmarks.md, "Page search").
/// </summary>
public sealed class PageSearchService(RankingReader reader, PageRegistry registry)
{
    /// <summary>Folded names and screen names of a table, made once per table (tables are immutable and cached per run).</summary>
    private readonly ConditionalWeakTable<RankingTable, string[]> folded = new();

    /// <summary>Null when no run is served yet.</summary>
    public async Task<PageSearchResponse?> SearchAsync(PageSearchQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetRankingTableAsync(latest, query.Period, null, cancellationToken);
        var (total, positions) = table is null ? (0, []) : Find(table, query.Search, query.Top);
        return new PageSearchResponse(
            table?.Run ?? latest,
            ServedRuns.Of(served),
            query.Search,
            query.Period,
            total,
            [.. positions.Select(p => Item(table!, p))]);
    }

    /// <summary>
    /// The registered page a page id, screen name or address (<see cref="PageIdentifiers.TryNormalize"/>) names on <paramref name="platform"/>:
    /// the page whose id it is, else the ranked page whose screen name it is; null when no such page is registered or ranked.
    /// </summary>
    public async Task<PageKey?> ResolveAsync(Platform platform, string text, CancellationToken cancellationToken)
    {
        if (!PageIdentifiers.TryNormalize(platform, text, out var identity, out _))
        {
            return null;
        }

        var key = new PageKey(platform, identity.PageId);
        var served = await reader.GetServedAsync(cancellationToken);
        var table = served?.Run is { } latest ? await reader.GetRankingTableAsync(latest, Period.Week, null, cancellationToken) : null;
        if (table?.PositionOf(key) >= 0 || await registry.GetAsync(key, cancellationToken) is not null)
        {
            return key;
        }

        if (table is not null && identity.ScreenName.Length > 0)
        {
            for (var i = 0; i < table.Count; i++)
            {
                if (table.Platforms[i] == platform && string.Equals(table.ScreenNames[i], identity.ScreenName, StringComparison.OrdinalIgnoreCase))
                {
                    return new PageKey(platform, table.PageIds[i]);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The matches in index order, pages an address or exact screen name names first: every platform whose address rules read the text
    /// names at most one page; any text also matches names and screen names that contain it.
    /// </summary>
    internal (int Total, List<int> Positions) Find(RankingTable table, string search, int top)
    {
        var exact = new List<int>();
        foreach (var platform in EnumCodes.All<Platform>())
        {
            if (LooksLikeAddress(search) && PageIdentifiers.TryNormalize(platform, search, out var identity, out _))
            {
                for (var i = 0; i < table.Count; i++)
                {
                    if (table.Platforms[i] == platform
                        && (table.PageIds[i] == identity.PageId || (identity.ScreenName.Length > 0 && string.Equals(table.ScreenNames[i], identity.ScreenName, StringComparison.OrdinalIgnoreCase))))
                    {
                        exact.Add(i);
                    }
                }
            }
        }

        var needle = Fold(search.Trim().TrimStart('@'));
        var keys = folded.GetValue(table, Keys);
        var matches = new List<int>(exact);
        var total = exact.Count;
        for (var i = 0; i < table.Count; i++)
        {
            if (keys[i].Contains(needle, StringComparison.Ordinal) && !exact.Contains(i))
            {
                total++;
                if (matches.Count < top)
                {
                    matches.Add(i);
                }
            }
        }

        return (total, matches.Count > top ? matches.GetRange(0, top) : matches);
    }

    /// <summary>What a search compares with: name, screen name and page id, folded, separated by a character no search contains.</summary>
    private static string[] Keys(RankingTable table)
    {
        var keys = new string[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            keys[i] = Fold($"{table.Names[i]}\n{table.ScreenNames[i]}\n{table.PageIds[i]}");
        }

        return keys;
    }

    /// <summary>Lower case, ё as е: «Ёлкино» finds «елкино», as analysts type it.</summary>
    internal static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            builder.Append(lower == 'ё' ? 'е' : lower);
        }

        return builder.ToString();
    }

    /// <summary>An address, <c>@name</c> or a bare id is tried against each platform's address rules; plain words are not.</summary>
    private static bool LooksLikeAddress(string search) =>
        search.Contains('/', StringComparison.Ordinal) || search.Contains('.', StringComparison.Ordinal) || search.StartsWith('@') || search.TrimStart('-').All(char.IsAsciiDigit);

    private static PageSearchItem Item(RankingTable table, int position)
    {
        var entry = table.EntryAt(position);
        return new PageSearchItem(
            entry.Platform,
            entry.PageId,
            entry.Name,
            entry.ScreenName,
            PageUrls.Page(entry.Platform, entry.PageId, entry.ScreenName),
            entry.RegionCode,
            ResponseLabels.RegionName(entry.RegionCode),
            entry.Kind,
            entry.Index,
            table.NationalRanks[position]);
    }
}
