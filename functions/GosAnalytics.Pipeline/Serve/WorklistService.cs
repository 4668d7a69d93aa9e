using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Metrics;
using GosAnalytics.Storage.Contracts;

namespace GosAnalytics.Pipeline.Serve;

/// <summary>A region's work list: pages that need the same fix (docs/metrics.md §11.2).</summary>
public enum WorkList
{
    /// <summary>Pages without the «Госорганизация» label, on platforms whose API shows it (VK).</summary>
    NoLabel,

    /// <summary>Pages with no description.</summary>
    NoDescription,

    /// <summary>Pages with no post in the period.</summary>
    NoPosts,

    /// <summary>Pages whose citizens commented and that answered under the threshold share of the comments.</summary>
    LowAnswers,
}

/// <summary>The parameters of <c>GET /api/regions/{code}/worklists</c>; <paramref name="List"/> null: all four.</summary>
public sealed record WorklistQuery(int Region, Period Period, WorkList? List, double AnsweredBelow)
{
    public const double DefaultAnsweredBelow = 0.5;
}

/// <summary>The body of <c>GET /api/regions/{code}/worklists</c>.</summary>
public sealed record WorklistResponse(
    [property: JsonFlatten] RunStamp Run,
    [property: JsonFlatten] ServedRuns Runs,
    Period Period,
    int RegionCode,
    string RegionName,
    int RegionPages,
    double AnsweredBelow,
    IReadOnlyList<Worklist> Lists);

/// <summary>One list: its pages, best index first (the easiest wins first is not ours to judge; the list is the region's order).</summary>
public sealed record Worklist(WorkList List, int Total, IReadOnlyList<WorklistItem> Items);

/// <summary>A page of a work list, with what the lists are about.</summary>
/// <param name="RegionRank">The page's place in its region's ranking of the period.</param>
public sealed record WorklistItem(
    Platform Platform,
    string PageId,
    string Name,
    string ScreenName,
    OrganisationKind Kind,
    long Subscribers,
    int RegionRank,
    double Index,
    bool? HasGovernmentLabel,
    bool? HasDescription,
    int Posts,
    int CitizenComments,
    double? AnsweredShare,
    double? MedianAnswerHours);

/// <summary>The outcome: whether a run is served, and the lists when the region has pages in it.</summary>
public sealed record WorklistLookup(bool RunServed, WorklistResponse? Response);

/// <summary>Builds a region's work lists from its ranking table of the period: one read, the table says everything the lists ask.</summary>
public sealed class WorklistService(RankingReader reader)
{
    public async Task<WorklistLookup> GetAsync(WorklistQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var served = await reader.GetServedAsync(cancellationToken);
        if (served?.Run is not { } latest)
        {
            return new WorklistLookup(false, null);
        }

        if (await reader.GetRankingTableAsync(latest, query.Period, query.Region, cancellationToken) is not { } table || table.Count == 0)
        {
            return new WorklistLookup(true, null);
        }

        var lists = (query.List is { } one ? [one] : EnumCodes.All<WorkList>())
            .Select(list => Build(table, list, query.AnsweredBelow))
            .ToList();
        return new WorklistLookup(true, new WorklistResponse(
            table.Run, ServedRuns.Of(served), query.Period, query.Region, Regions.Get(query.Region).RussianName, table.Count, query.AnsweredBelow, lists));
    }

    /// <summary>Whether the page at <paramref name="position"/> belongs on <paramref name="list"/>.</summary>
    public static bool Belongs(RankingTable table, int position, WorkList list, double answeredBelow)
    {
        ArgumentNullException.ThrowIfNull(table);
        var checks = table.ProfileChecksAt(position);
        return list switch
        {
            WorkList.NoLabel => checks?.Meets(ProfileRequirement.GovernmentLabel) == false,
            WorkList.NoDescription => checks?.Meets(ProfileRequirement.Description) == false,
            WorkList.NoPosts => table.PostsAt(position) == 0,
            WorkList.LowAnswers => table.CitizenCommentsAt(position) > 0 && (table.AnsweredShareAt(position) ?? 0) < answeredBelow,
            _ => false,
        };
    }

    private static Worklist Build(RankingTable table, WorkList list, double answeredBelow)
    {
        var items = new List<WorklistItem>();
        for (var position = 0; position < table.Count; position++)
        {
            if (Belongs(table, position, list, answeredBelow))
            {
                var entry = table.EntryAt(position);
                var checks = entry.Profile;
                items.Add(new WorklistItem(
                    entry.Platform,
                    entry.PageId,
                    entry.Name,
                    entry.ScreenName,
                    entry.Kind,
                    entry.Subscribers,
                    position + 1,
                    entry.Index,
                    checks?.Meets(ProfileRequirement.GovernmentLabel),
                    checks?.Meets(ProfileRequirement.Description),
                    entry.Metrics.Posts,
                    entry.Metrics.CitizenComments,
                    entry.Metrics.AnsweredShare,
                    entry.Metrics.MedianAnswerHours));
            }
        }

        return new Worklist(list, items.Count, items);
    }
}
