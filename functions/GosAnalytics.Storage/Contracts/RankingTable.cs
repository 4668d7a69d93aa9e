using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using MemoryPack;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The rankings of one period of one run for one scope — the country (<c>all</c>) or a region — as aggregation writes them and HTTP
/// serves them (<c>rankings/{run}/{period}/{scope}.table.gz</c>: MemoryPack, gzip). Stored by column, entries in index order (the
/// position is the rank), with the order of every component precomputed: a cold national table loads in a fraction of a second
/// (no JSON to parse, 130,000+ entries), and a query walks an order and materialises only the entries it returns
/// (<see cref="EntryAt"/>). A value that is absent (a component the page lacks, a metric that cannot be measured) is NaN.
/// </summary>
[MemoryPackable]
public sealed partial class RankingTable : IRunSnapshot
{
    /// <summary>The metric columns, in <see cref="RankingMetrics"/> order.</summary>
    private const int MetricColumns = 15;

    /// <summary>The content-trait columns: officialese share, reading ease, media share.</summary>
    private const int TraitColumns = 3;

    [MemoryPackIgnore]
    private readonly PositionIndex<PageKey> positions = new();

    public RunStamp Run { get; set; } = null!;

    public Period Period { get; set; }

    /// <summary>Null for the country.</summary>
    public int? RegionCode { get; set; }

    public Dictionary<string, double> Weights { get; set; } = [];

    /// <summary>The components, in <see cref="IndexComponents.All"/> order: the columns of <see cref="Components"/> and of <see cref="ComponentOrders"/>.</summary>
    public string[] ComponentNames { get; set; } = [];

    /// <summary>Distinct peer-group names; <see cref="PeerGroups"/> points into it.</summary>
    public string[] PeerGroupNames { get; set; } = [];

    /// <summary>Pages ranked in the country (a region's table says where its pages stand nationally).</summary>
    public int NationalTotal { get; set; }

    public Platform[] Platforms { get; set; } = [];

    public string[] PageIds { get; set; } = [];

    public string[] Names { get; set; } = [];

    public string[] ScreenNames { get; set; } = [];

    public int[] RegionCodes { get; set; } = [];

    public OrganisationKind[] Kinds { get; set; } = [];

    public long[] Subscribers { get; set; } = [];

    public bool[] GovernmentLabels { get; set; } = [];

    public int[] PeerGroups { get; set; } = [];

    public double[] Indexes { get; set; } = [];

    /// <summary>Entry-major: entry i's component c at i × components + c.</summary>
    public double[] Components { get; set; } = [];

    /// <summary>Bit c set: component c is part of the entry's index.</summary>
    public ulong[] IndexComponentMasks { get; set; } = [];

    /// <summary>Entry-major, <see cref="MetricColumns"/> per entry, in <see cref="RankingMetrics"/> order.</summary>
    public double[] Metrics { get; set; } = [];

    /// <summary>The entry's place in the country's ranking of the period.</summary>
    public int[] NationalRanks { get; set; } = [];

    /// <summary>The batch of the run the page was collected in (its posts are in that batch's content document).</summary>
    public int[] BatchIndexes { get; set; } = [];

    /// <summary>Per component (as <see cref="ComponentNames"/>): positions by that component, as <see cref="RankingOrder.ByComponent"/> orders them.</summary>
    public int[][] ComponentOrders { get; set; } = [];

    /// <summary>
    /// Bit n set: the entry's collection carries <see cref="PageNotice"/> n. Last, so that a table written before it reads as one with
    /// no notices (empty: none for any entry).
    /// </summary>
    public byte[] NoticeMasks { get; set; } = [];

    /// <summary>
    /// Distinct municipalities; <see cref="Municipalities"/> points into it. After <see cref="NoticeMasks"/>, so that a table written before
    /// reads as one whose pages have no municipality (empty).
    /// </summary>
    public string[] MunicipalityNames { get; set; } = [];

    /// <summary>The entry's municipality in <see cref="MunicipalityNames"/>, -1 for none; null in a table written before the column.</summary>
    public int[] Municipalities { get; set; } = [];

    /// <summary>The entry's registered organisation id, null when unlinked; the column is null in a table written before it.</summary>
    public string?[] OrganisationIds { get; set; } = [];

    /// <summary>
    /// Per entry, the profile requirements that apply and those met (<see cref="Core.Metrics.ProfileChecks.Pack"/>); 0 when unknown.
    /// After <see cref="NoticeMasks"/>, so that a table written before reads with none (empty).
    /// </summary>
    public ushort[] ProfileChecks { get; set; } = [];

    /// <summary>Entry-major, <see cref="TraitColumns"/> per entry, in <see cref="ContentTraits"/> order; NaN where absent; empty in older tables.</summary>
    public double[] ContentTraits { get; set; } = [];

    [MemoryPackIgnore]
    public int Count => PageIds.Length;

    /// <summary>
    /// A table of <paramref name="entries"/>, which must be in <see cref="RankingOrder.ByIndex"/> order. <paramref name="nationalRanks"/>
    /// and <paramref name="batchIndexes"/> are aligned with the entries.
    /// </summary>
    public static RankingTable Build(
        RunStamp run,
        Period period,
        int? regionCode,
        IReadOnlyDictionary<string, double> weights,
        IReadOnlyList<RankingEntry> entries,
        IReadOnlyList<int> nationalRanks,
        int nationalTotal,
        IReadOnlyList<int> batchIndexes)
    {
        var names = IndexComponents.All.ToArray();
        var count = entries.Count;
        var peerGroups = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new RankingTable
        {
            Run = run,
            Period = period,
            RegionCode = regionCode,
            Weights = new Dictionary<string, double>(weights, StringComparer.Ordinal),
            ComponentNames = names,
            NationalTotal = nationalTotal,
            Platforms = new Platform[count],
            PageIds = new string[count],
            Names = new string[count],
            ScreenNames = new string[count],
            RegionCodes = new int[count],
            Kinds = new OrganisationKind[count],
            Subscribers = new long[count],
            GovernmentLabels = new bool[count],
            PeerGroups = new int[count],
            Indexes = new double[count],
            Components = new double[count * names.Length],
            IndexComponentMasks = new ulong[count],
            Metrics = new double[count * MetricColumns],
            NationalRanks = [.. nationalRanks],
            BatchIndexes = [.. batchIndexes],
            NoticeMasks = new byte[count],
            Municipalities = new int[count],
            OrganisationIds = new string?[count],
            ProfileChecks = new ushort[count],
            ContentTraits = new double[count * TraitColumns],
        };
        var municipalities = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            table.Platforms[i] = e.Platform;
            table.PageIds[i] = e.PageId;
            table.Names[i] = e.Name;
            table.ScreenNames[i] = e.ScreenName;
            table.RegionCodes[i] = e.RegionCode;
            table.Kinds[i] = e.Kind;
            table.Subscribers[i] = e.Subscribers;
            table.GovernmentLabels[i] = e.HasGovernmentLabel;
            if (!peerGroups.TryGetValue(e.PeerGroup, out var group))
            {
                peerGroups[e.PeerGroup] = group = peerGroups.Count;
            }

            table.PeerGroups[i] = group;
            table.Indexes[i] = e.Index;
            for (var c = 0; c < names.Length; c++)
            {
                table.Components[(i * names.Length) + c] = e.Components.TryGetValue(names[c], out var value) ? value : double.NaN;
                if (e.IndexComponents.Contains(names[c], StringComparer.Ordinal))
                {
                    table.IndexComponentMasks[i] |= 1UL << c;
                }
            }

            WriteMetrics(table.Metrics.AsSpan(i * MetricColumns, MetricColumns), e.Metrics);
            foreach (var notice in e.Notices ?? [])
            {
                table.NoticeMasks[i] |= (byte)(1 << (int)notice);
            }

            table.Municipalities[i] = -1;
            if (e.Municipality is { } municipality)
            {
                if (!municipalities.TryGetValue(municipality, out var m))
                {
                    municipalities[municipality] = m = municipalities.Count;
                }

                table.Municipalities[i] = m;
            }

            table.OrganisationIds[i] = e.OrganisationId;

            table.ProfileChecks[i] = e.Profile?.Pack() ?? 0;
            table.ContentTraits[i * TraitColumns] = e.ContentTraits?.BureaucraticShare ?? double.NaN;
            table.ContentTraits[(i * TraitColumns) + 1] = e.ContentTraits?.Readability ?? double.NaN;
            table.ContentTraits[(i * TraitColumns) + 2] = e.ContentTraits?.MediaShare ?? double.NaN;
        }

        table.MunicipalityNames = [.. municipalities.OrderBy(pair => pair.Value).Select(pair => pair.Key)];
        table.PeerGroupNames = [.. peerGroups.OrderBy(pair => pair.Value).Select(pair => pair.Key)];
        table.ComponentOrders = [.. Enumerable.Range(0, names.Length).Select(table.SortByComponent)];
        return table;
    }

    /// <summary>The positions in the order of <paramref name="sort"/>: <c>index</c> (null: positions in order) or a component.</summary>
    public int[]? OrderOf(string sort)
    {
        var c = Array.IndexOf(ComponentNames, sort);
        return c < 0 ? null : ComponentOrders[c];
    }

    /// <summary>The entry at <paramref name="position"/> (its rank in the table is position + 1), as answers show it.</summary>
    public RankingEntry EntryAt(int position)
    {
        var values = Components.AsSpan(position * ComponentNames.Length, ComponentNames.Length).ToArray();
        var mask = IndexComponentMasks[position];
        var used = ComponentNames.Where((_, c) => (mask & (1UL << c)) != 0).ToArray();
        return new RankingEntry(
            Platforms[position],
            PageIds[position],
            Names[position],
            ScreenNames[position],
            RegionCodes[position],
            Kinds[position],
            Subscribers[position],
            GovernmentLabels[position],
            PeerGroupNames[PeerGroups[position]],
            Indexes[position],
            new ComponentScores(ComponentNames, values),
            used,
            ReadMetrics(Metrics.AsSpan(position * MetricColumns, MetricColumns)),
            NoticesAt(position),
            MunicipalityAt(position),
            OrganisationIdAt(position),
            ProfileChecksAt(position),
            TraitsAt(position));
    }

    /// <summary>Posts of the entry at <paramref name="position"/> in the period (without materialising the entry).</summary>
    public int PostsAt(int position) => (int)Metrics[position * MetricColumns];

    /// <summary>Citizens' comments under the entry's posts in the period.</summary>
    public int CitizenCommentsAt(int position) => (int)Metrics[(position * MetricColumns) + 8];

    /// <summary>The entry's answered share; null without citizens' comments.</summary>
    public double? AnsweredShareAt(int position) => Nullable(Metrics[(position * MetricColumns) + 9]);

    /// <summary>The profile requirements of the entry at <paramref name="position"/>; null in a table written before they were stored.</summary>
    public Core.Metrics.ProfileChecks? ProfileChecksAt(int position) =>
        ProfileChecks is { } checks && position < checks.Length && checks[position] != 0 ? Core.Metrics.ProfileChecks.Unpack(checks[position]) : null;

    private Core.Metrics.ContentTraits? TraitsAt(int position)
    {
        // MemoryPack leaves a member a table was written without null.
        if (ContentTraits is null || (position * TraitColumns) + TraitColumns > ContentTraits.Length)
        {
            return null;
        }

        var row = ContentTraits.AsSpan(position * TraitColumns, TraitColumns);
        return double.IsNaN(row[0]) && double.IsNaN(row[1]) && double.IsNaN(row[2])
            ? null
            : new Core.Metrics.ContentTraits(Nullable(row[0]), Nullable(row[1]), Nullable(row[2]));
    }

    /// <summary>The municipality of the entry at <paramref name="position"/>; null for none and in a table written before the column.</summary>
    public string? MunicipalityAt(int position) =>
        Municipalities is { } indexes && position < indexes.Length && indexes[position] is var m and >= 0 ? MunicipalityNames[m] : null;

    /// <summary>The organisation id of the entry at <paramref name="position"/>; null when unlinked and in a table written before the column.</summary>
    public string? OrganisationIdAt(int position) => OrganisationIds is { } ids && position < ids.Length ? ids[position] : null;

    /// <summary>The page notices of the entry at <paramref name="position"/>, in <see cref="PageNotice"/> order.</summary>
    public IReadOnlyList<PageNotice> NoticesAt(int position)
    {
        // MemoryPack leaves a member missing from an older table null, not its initial value.
        var mask = NoticeMasks is { } masks && position < masks.Length ? masks[position] : 0;
        return mask == 0 ? [] : [.. EnumCodes.All<PageNotice>().Where(notice => (mask & (1 << (int)notice)) != 0)];
    }

    /// <summary>The position of a page, or -1 when it is not in the table.</summary>
    public int PositionOf(PageKey page) => positions.Of(page, this, Count, static (table, i) => new PageKey(table.Platforms[i], table.PageIds[i]));

    /// <summary>Best value of component <paramref name="c"/> first, entries without it last; ties keep index order (entries are in it).</summary>
    private int[] SortByComponent(int c)
    {
        var width = ComponentNames.Length;
        var keys = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            // Absent sorts after every value; descending values ascend as negatives.
            var value = Components[(i * width) + c];
            keys[i] = double.IsNaN(value) ? double.PositiveInfinity : -value;
        }

        var order = Enumerable.Range(0, Count).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }

    private static void WriteMetrics(Span<double> row, RankingMetrics m)
    {
        row[0] = m.Posts;
        row[1] = m.PostsPerWeek;
        row[2] = m.Views;
        row[3] = m.ErViews ?? double.NaN;
        row[4] = m.ErSubscribers ?? double.NaN;
        row[5] = m.ReachRate ?? double.NaN;
        row[6] = m.Virality ?? double.NaN;
        row[7] = m.Discussion ?? double.NaN;
        row[8] = m.CitizenComments;
        row[9] = m.AnsweredShare ?? double.NaN;
        row[10] = m.MedianAnswerHours ?? double.NaN;
        row[11] = m.SubscriberGrowth ?? double.NaN;
        row[12] = m.Broadcasts ?? double.NaN;
        row[13] = m.BroadcastViews ?? double.NaN;
        row[14] = m.ContentQuality ?? double.NaN;
    }

    private static RankingMetrics ReadMetrics(ReadOnlySpan<double> row) => new(
        (int)row[0],
        row[1],
        (long)row[2],
        Nullable(row[3]),
        Nullable(row[4]),
        Nullable(row[5]),
        Nullable(row[6]),
        Nullable(row[7]),
        (int)row[8],
        Nullable(row[9]),
        Nullable(row[10]),
        Nullable(row[11]),
        Nullable(row[12]) is { } broadcasts ? (int)broadcasts : null,
        Nullable(row[13]) is { } views ? (long)views : null,
        Nullable(row[14]));

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;
}
