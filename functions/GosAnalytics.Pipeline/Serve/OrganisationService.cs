using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>The body of <c>GET /api/organisations</c>.</summary>
public sealed record OrganisationListResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int? Region,
    string? RegionName,
    string? Search,
    [property: JsonFlatten] ListPage<OrganisationItem> Page);

/// <summary>
/// One organisation in a list. <see cref="Rank"/> is its 1-based place in the filtered list (best combined index first);
/// <see cref="RegionRank"/> its place among its region's organisations, <see cref="NationalRank"/> in the country's.
/// </summary>
public sealed record OrganisationItem(
    int Rank,
    string OrganisationId,
    string Name,
    int RegionCode,
    string? RegionName,
    OrganisationKind Kind,
    string? Municipality,
    double CombinedIndex,
    int RegionRank,
    int RegionTotal,
    int NationalRank,
    int NationalTotal,
    IReadOnlyList<OrganisationPageItem> Pages);

/// <summary>One ranked page of an organisation in a list: which page, and its index.</summary>
public sealed record OrganisationPageItem(Platform Platform, string PageId, string Name, long Subscribers, double Index);

/// <summary>The body of <c>GET /api/organisations/{id}</c>: the organisation's combined standing and its pages side by side.</summary>
public sealed record OrganisationDetailResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    string OrganisationId,
    string Name,
    int RegionCode,
    string? RegionName,
    OrganisationKind Kind,
    string? Municipality,
    OrganisationCombined Combined,
    IReadOnlyList<OrganisationPageStanding> Pages);

/// <summary>The organisation's one standing: its combined index and its places among the organisations of its region and of the country.</summary>
public sealed record OrganisationCombined(double Index, int RegionRank, int RegionTotal, int NationalRank, int NationalTotal, int Pages);

/// <summary>One page of an organisation as its ranking shows it, with its places among the pages of its region and of the country.</summary>
public sealed record OrganisationPageStanding(int RegionRank, int RegionTotal, int NationalRank, int NationalTotal, [property: JsonFlatten] RankingEntry Entry);

/// <summary>The filters and paging of <c>GET /api/organisations</c>.</summary>
public sealed record OrganisationQuery(int? Region, string? Search, Period Period, int Top, int Skip)
{
    public const int MaxTop = 500;
    public const int DefaultTop = 50;
    public const int MaxSkip = 1_000_000;
    public const int MaxSearchLength = 100;
}

/// <summary>The parameters of <c>GET /api/organisations/{id}</c>.</summary>
public sealed record OrganisationDetailQuery(string OrganisationId, Period Period);

/// <summary>The outcome of an organisation lookup: whether any run is served, and the organisation when it has ranked pages in it.</summary>
public sealed record OrganisationLookup(bool RunServed, OrganisationDetailResponse? Detail, RunStamp? Run);

/// <summary>
/// Answers the organisation endpoints from the organisation tables aggregation wrote (one read, one walk in combined-index order) and,
/// for an organisation's card, its pages' entries in their regions' ranking tables.
/// </summary>
public sealed class OrganisationService(RankingReader reader)
{
    /// <summary>Null when no run is served yet.</summary>
    public async Task<OrganisationListResponse?> ListAsync(OrganisationQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return null;
        }

        var table = await reader.GetOrganisationTableAsync(latest, query.Period, query.Region, cancellationToken);
        var page = table is null ? new ListPage<OrganisationItem>(0, query.Skip, query.Top, []) : Select(table, query);
        return new OrganisationListResponse(
            table?.Run ?? latest,
            ServedRuns.Of(served),
            query.Period,
            query.Region,
            ResponseLabels.RegionName(query.Region),
            query.Search,
            page);
    }

    public async Task<OrganisationLookup> GetAsync(OrganisationDetailQuery query, CancellationToken cancellationToken)
    {
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new OrganisationLookup(false, null, null);
        }

        var table = await reader.GetOrganisationTableAsync(latest, query.Period, null, cancellationToken);
        if (table is null || table.PositionOf(query.OrganisationId) is not (var position and >= 0))
        {
            return new OrganisationLookup(true, null, latest);
        }

        var organisation = table.StandingAt(position);
        var pages = new List<OrganisationPageStanding>(organisation.Pages.Count);
        foreach (var page in organisation.Pages)
        {
            var ranking = await reader.GetRankingTableAsync(latest, query.Period, page.RegionCode, cancellationToken);
            if (ranking?.PositionOf(new PageKey(page.Platform, page.PageId)) is { } at and >= 0)
            {
                pages.Add(new OrganisationPageStanding(at + 1, ranking.Count, ranking.NationalRanks[at], ranking.NationalTotal, ranking.EntryAt(at)));
            }
        }

        return new OrganisationLookup(true, new OrganisationDetailResponse(
            table.Run,
            ServedRuns.Of(served),
            query.Period,
            organisation.OrganisationId,
            organisation.Name,
            organisation.RegionCode,
            Regions.TryGet(organisation.RegionCode, out var region) ? region.RussianName : null,
            organisation.Kind,
            organisation.Municipality,
            new OrganisationCombined(
                organisation.CombinedIndex, table.RegionRanks[position], table.RegionTotalAt(position), table.NationalRanks[position], table.NationalTotal, organisation.Pages.Count),
            pages), latest);
    }

    /// <summary>The matching organisations' page, in combined-index order. Without a search the walk stops at the page's end.</summary>
    internal static ListPage<OrganisationItem> Select(OrganisationTable table, OrganisationQuery query)
    {
        var search = query.Search is { } text ? Fold(text) : null;
        var items = new List<OrganisationItem>(Math.Min(query.Top, table.Count));
        var matches = 0;
        for (var i = 0; i < table.Count; i++)
        {
            if (search is not null && !Matches(table, i, search))
            {
                continue;
            }

            matches++;
            if (matches > query.Skip && items.Count < query.Top)
            {
                items.Add(ItemAt(table, i, matches));
            }
            else if (search is null && items.Count == query.Top)
            {
                break;
            }
        }

        return new ListPage<OrganisationItem>(search is null ? table.Count : matches, query.Skip, query.Top, items);
    }

    private static OrganisationItem ItemAt(OrganisationTable table, int position, int rank)
    {
        var o = table.StandingAt(position);
        return new OrganisationItem(
            rank,
            o.OrganisationId,
            o.Name,
            o.RegionCode,
            Regions.TryGet(o.RegionCode, out var region) ? region.RussianName : null,
            o.Kind,
            o.Municipality,
            o.CombinedIndex,
            table.RegionRanks[position],
            table.RegionTotalAt(position),
            table.NationalRanks[position],
            table.NationalTotal,
            [.. o.Pages.Select(p => new OrganisationPageItem(p.Platform, p.PageId, p.Name, p.Subscribers, p.Index))]);
    }

    /// <summary>The organisation's id, its name or one of its pages' names contains the search, ignoring case and ё/е.</summary>
    private static bool Matches(OrganisationTable table, int position, string search)
    {
        if (Fold(table.Ids[position]).Contains(search, StringComparison.Ordinal) || Fold(table.Names[position]).Contains(search, StringComparison.Ordinal))
        {
            return true;
        }

        for (var row = table.PageStarts[position]; row < table.PageStarts[position + 1]; row++)
        {
            if (Fold(table.PageNames[row]).Contains(search, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Fold(string text) => text.ToLowerInvariant().Replace('ё', 'е');
}
