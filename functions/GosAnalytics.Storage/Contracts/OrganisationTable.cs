using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using MemoryPack;

namespace GosAnalytics.Storage.Contracts;

/// <summary>
/// The organisations of one period of one run for one scope — the country (<c>all</c>) or a region — as aggregation writes them and
/// HTTP serves them (<c>rankings/{run}/{period}/organisations-{all|region-NN}.table.gz</c>: MemoryPack, gzip). By column, organisations
/// in combined-index order (the position in the country's table is the national rank), each with its ranked pages (a row range of the
/// page columns), so that the list and an organisation's card are one read and a walk.
/// </summary>
[MemoryPackable]
public sealed partial class OrganisationTable : IRunSnapshot
{
    [MemoryPackIgnore]
    private readonly PositionIndex<string> positions = new(StringComparer.Ordinal);

    public RunStamp Run { get; set; } = null!;

    public Period Period { get; set; }

    /// <summary>Null for the country.</summary>
    public int? RegionCode { get; set; }

    /// <summary>Organisations ranked in the country.</summary>
    public int NationalTotal { get; set; }

    /// <summary>Organisations ranked in each region (keyed by region code): the denominator of a region rank.</summary>
    public Dictionary<int, int> RegionTotals { get; set; } = [];

    public string[] Ids { get; set; } = [];

    public string[] Names { get; set; } = [];

    public int[] RegionCodes { get; set; } = [];

    public OrganisationKind[] Kinds { get; set; } = [];

    public string?[] Municipalities { get; set; } = [];

    public double[] CombinedIndexes { get; set; } = [];

    public int[] NationalRanks { get; set; } = [];

    /// <summary>The organisation's place among the organisations of its region.</summary>
    public int[] RegionRanks { get; set; } = [];

    /// <summary>Organisation i's pages are rows <c>PageStarts[i]</c> … <c>PageStarts[i + 1] − 1</c> of the page columns (length count + 1).</summary>
    public int[] PageStarts { get; set; } = [0];

    public Platform[] PagePlatforms { get; set; } = [];

    public string[] PageIds { get; set; } = [];

    public string[] PageNames { get; set; } = [];

    public int[] PageRegionCodes { get; set; } = [];

    public long[] PageSubscribers { get; set; } = [];

    public double[] PageIndexes { get; set; } = [];

    [MemoryPackIgnore]
    public int Count => Ids.Length;

    /// <summary>
    /// A table of <paramref name="organisations"/>, which must be in <see cref="Organisations.Build"/> order; <paramref name="nationalRanks"/>
    /// and <paramref name="regionRanks"/> are aligned with them.
    /// </summary>
    public static OrganisationTable Build(
        RunStamp run,
        Period period,
        int? regionCode,
        IReadOnlyList<OrganisationStanding> organisations,
        IReadOnlyList<int> nationalRanks,
        IReadOnlyList<int> regionRanks,
        int nationalTotal,
        IReadOnlyDictionary<int, int> regionTotals)
    {
        var count = organisations.Count;
        var pageCount = organisations.Sum(o => o.Pages.Count);
        var table = new OrganisationTable
        {
            Run = run,
            Period = period,
            RegionCode = regionCode,
            NationalTotal = nationalTotal,
            RegionTotals = regionCode is { } code ? new() { [code] = regionTotals.GetValueOrDefault(code) } : new(regionTotals),
            Ids = new string[count],
            Names = new string[count],
            RegionCodes = new int[count],
            Kinds = new OrganisationKind[count],
            Municipalities = new string?[count],
            CombinedIndexes = new double[count],
            NationalRanks = [.. nationalRanks],
            RegionRanks = [.. regionRanks],
            PageStarts = new int[count + 1],
            PagePlatforms = new Platform[pageCount],
            PageIds = new string[pageCount],
            PageNames = new string[pageCount],
            PageRegionCodes = new int[pageCount],
            PageSubscribers = new long[pageCount],
            PageIndexes = new double[pageCount],
        };
        var row = 0;
        for (var i = 0; i < count; i++)
        {
            var o = organisations[i];
            table.Ids[i] = o.OrganisationId;
            table.Names[i] = o.Name;
            table.RegionCodes[i] = o.RegionCode;
            table.Kinds[i] = o.Kind;
            table.Municipalities[i] = o.Municipality;
            table.CombinedIndexes[i] = o.CombinedIndex;
            table.PageStarts[i] = row;
            foreach (var page in o.Pages)
            {
                table.PagePlatforms[row] = page.Platform;
                table.PageIds[row] = page.PageId;
                table.PageNames[row] = page.Name;
                table.PageRegionCodes[row] = page.RegionCode;
                table.PageSubscribers[row] = page.Subscribers;
                table.PageIndexes[row] = page.Index;
                row++;
            }
        }

        table.PageStarts[count] = row;
        return table;
    }

    /// <summary>The organisation at <paramref name="position"/> with its pages.</summary>
    public OrganisationStanding StandingAt(int position)
    {
        var pages = new List<OrganisationPage>(PageStarts[position + 1] - PageStarts[position]);
        for (var row = PageStarts[position]; row < PageStarts[position + 1]; row++)
        {
            pages.Add(new OrganisationPage(PagePlatforms[row], PageIds[row], PageNames[row], PageRegionCodes[row], PageSubscribers[row], PageIndexes[row]));
        }

        return new OrganisationStanding(Ids[position], Names[position], RegionCodes[position], Kinds[position], Municipalities[position], CombinedIndexes[position], pages);
    }

    /// <summary>The organisations ranked in the region of the organisation at <paramref name="position"/>.</summary>
    public int RegionTotalAt(int position) => RegionTotals.GetValueOrDefault(RegionCodes[position]);

    /// <summary>The position of an organisation, or -1 when it is not in the table.</summary>
    public int PositionOf(string organisationId) => positions.Of(organisationId, this, Count, static (table, i) => table.Ids[i]);
}
