using System.Globalization;
using FederalSubjects = GosAnalytics.Core.Domain.Regions;

namespace GosAnalytics.Demo;

/// <summary>A town of the demo region: names in the cases the titles need, a latin slug and the phone area code.</summary>
/// <param name="Municipality">The municipality the town belongs to when it is not a city okrug of its own (e.g. «Завитинский муниципальный округ»).</param>
internal sealed record DemoTown(string Name, string Genitive, string Adjective, string Slug, string PhoneCode, int Schools, int Kindergartens, double Weight, string? Municipality = null)
{
    /// <summary>The town's municipality as the registry names it: «город Белогорск» (a city okrug) unless the data names another.</summary>
    public string MunicipalUnit => Municipality ?? $"город {Name}";
}

/// <summary>A municipal district (okrug), named by its adjective, e.g. «Тамбовский».</summary>
internal sealed record DemoDistrict(string Adjective, string Slug, string PhoneCode)
{
    private string Stem => Adjective[..^2];

    /// <summary>«Тамбовского» (as in «Администрация Тамбовского муниципального округа»).</summary>
    public string Genitive => Stem + "ого";

    /// <summary>«Тамбовская» (as in «ГБУЗ АО «Тамбовская больница»»).</summary>
    public string Feminine => Stem + "ая";

    /// <summary>«Тамбовскому» (as in «по Тамбовскому муниципальному округу»).</summary>
    public string Dative => Stem + "ому";

    /// <summary>«Тамбовское» (as in «Тамбовское лесничество»).</summary>
    public string Neuter => Stem + "ое";

    public string Hashtag => Adjective + "округ";

    /// <summary>«Тамбовский муниципальный округ»: the district's municipality as the registry names it.</summary>
    public string MunicipalUnit => Adjective + " муниципальный округ";
}

/// <summary>A village (село) and the index of the district it belongs to.</summary>
internal sealed record DemoVillage(string Name, string Slug, int District)
{
    public string Hashtag => Name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

/// <summary>A village as written in <c>Data/regions.json</c>: its district by slug.</summary>
internal sealed record DemoVillageEntry(string Name, string Slug, string District);

/// <summary>
/// A region in <c>Data/regions.json</c>. Without its own towns, districts or villages it gets the generic ones. In
/// <see cref="DemoRegionsFile.OtherRegions"/> the names may hold {code}, the subject code.
/// </summary>
/// <param name="Slug">Latin letters and digits only: screen names outside Amur oblast carry it as one of their '_'-separated parts.</param>
/// <param name="Abbreviation">Used in names of regional institutions: «АО» makes «ГАУЗ АО».</param>
/// <param name="ExtraHashtag">A second regional hashtag, e.g. «Приамурье».</param>
/// <param name="Towns">Towns besides the capital, which always comes first.</param>
/// <param name="Leader">Title of the head of the region before its genitive: «Губернатор» (the default), «Глава», «Раис», «Мэр».</param>
/// <param name="LeaderInstrumental">The same title after «с»: «Губернатором»; given with <paramref name="Leader"/>.</param>
/// <param name="Legislature">Full name of the regional parliament; by default «Законодательное Собрание» and the genitive.</param>
/// <param name="Ministry">What the regional executive bodies are called: «Министерство» (the default), «Департамент», «Комитет».</param>
/// <param name="FederalCity">Moscow, Saint Petersburg and Sevastopol: the capital is the region, so the capital's own pages (city administration, mayor) are left out.</param>
/// <param name="UrbanShare">Chance that a drawn institution is in a town rather than a district or village; 0.55 by default.</param>
internal sealed record DemoRegionEntry(
    string Genitive,
    string Prepositional,
    string BrandMasculine,
    string BrandFeminine,
    string LevelMasculine,
    string LevelFeminine,
    string Hashtag,
    string Slug,
    int UtcOffsetHours,
    DemoTown Capital,
    int? Code = null,
    string? Abbreviation = null,
    string? ExtraHashtag = null,
    DemoTown[]? Towns = null,
    DemoDistrict[]? Districts = null,
    DemoVillageEntry[]? Villages = null,
    string? Leader = null,
    string? LeaderInstrumental = null,
    string? Legislature = null,
    string? Ministry = null,
    bool FederalCity = false,
    double? UrbanShare = null);

/// <summary>The contents of <c>Data/regions.json</c>.</summary>
/// <param name="Regions">Every federal subject with its own names; Amur oblast (28) and the federal cities also have their own places.</param>
/// <param name="OtherRegions">Template for any other code (1–99 that is no subject).</param>
/// <param name="GenericTowns">Places of regions without their own; a region takes a prefix of each list in proportion to its size.</param>
internal sealed record DemoRegionsFile(
    DemoRegionEntry[] Regions,
    DemoRegionEntry OtherRegions,
    DemoTown[] GenericTowns,
    DemoDistrict[] GenericDistricts,
    DemoVillageEntry[] GenericVillages)
{
    internal void Validate()
    {
        var codes = new HashSet<int>();
        foreach (var region in Regions)
        {
            if (region.Code is not { } code || !codes.Add(code))
            {
                throw new InvalidDataException($"Region «{region.Genitive}» has no code or a repeated one.");
            }

            if (!FederalSubjects.TryGet(code, out var subject) || subject.UtcOffsetHours != region.UtcOffsetHours)
            {
                throw new InvalidDataException($"region {code} is no federal subject, or its utcOffsetHours differs from Regions.cs.");
            }

            if (!region.Hashtag.All(char.IsLetterOrDigit) || region.ExtraHashtag?.All(char.IsLetterOrDigit) == false)
            {
                throw new InvalidDataException($"region {code}: a hashtag is letters and digits only.");
            }

            Validate(region, $"region {code}");
        }

        if (codes.Count != FederalSubjects.All.Count)
        {
            throw new InvalidDataException($"regions must name every federal subject; it has {codes.Count} of {FederalSubjects.All.Count}.");
        }

        Validate(OtherRegions, "otherRegions");
        ValidateSlugs();
    }

    public DemoDistrict[] DistrictsOf(DemoRegionEntry region) => region.Districts ?? GenericDistricts;

    public DemoVillageEntry[] VillagesOf(DemoRegionEntry region) => region.Villages ?? GenericVillages;

    private void Validate(DemoRegionEntry region, string what)
    {
        if (region.BrandMasculine.Length == 0 || region.BrandFeminine.Length == 0)
        {
            throw new InvalidDataException($"{what} needs brandMasculine and brandFeminine.");
        }

        if ((region.Leader is null) != (region.LeaderInstrumental is null))
        {
            throw new InvalidDataException($"{what} needs leader and leaderInstrumental together.");
        }

        if (region.UrbanShare is <= 0 or >= 1)
        {
            throw new InvalidDataException($"{what}: urbanShare must lie between 0 and 1.");
        }

        var districts = DistrictsOf(region);
        DemoData.RequireItems(districts, $"{what} districts");
        DemoData.RequireItems(VillagesOf(region), $"{what} villages");
        foreach (var village in VillagesOf(region))
        {
            if (Array.FindIndex(districts, district => district.Slug == village.District) < 0)
            {
                throw new InvalidDataException($"{what}: village {village.Name} is in district «{village.District}», which the region does not have.");
            }
        }
    }

    /// <summary>
    /// Region slugs are distinct, letters and digits, and never the slug of a place (of any region, or generic): a screen
    /// name outside Amur oblast carries its region's slug as a part, and this keeps it from meeting another region's names.
    /// </summary>
    private void ValidateSlugs()
    {
        // Who has a place of each slug: a region by its code, the generic places as 0.
        var owners = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var region in Regions)
        {
            Own(region.Code!.Value, [region.Capital.Slug, .. (region.Towns ?? []).Select(town => town.Slug),
                .. (region.Districts ?? []).Select(district => district.Slug), .. (region.Villages ?? []).Select(village => village.Slug)]);
        }

        Own(0, [.. GenericTowns.Select(town => town.Slug), .. GenericDistricts.Select(district => district.Slug), .. GenericVillages.Select(village => village.Slug)]);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in Regions)
        {
            var ownOnly = !owners.TryGetValue(region.Slug, out var owner) || owner.SetEquals([region.Code!.Value]);
            if (!region.Slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || !slugs.Add(region.Slug) || !ownOnly)
            {
                throw new InvalidDataException($"region {region.Code}: slug «{region.Slug}» must be lower-case latin letters and digits, unique, and no other region's or generic place's slug.");
            }
        }

        void Own(int code, IEnumerable<string> places)
        {
            foreach (var place in places)
            {
                if (!owners.TryGetValue(place, out var codes))
                {
                    owners[place] = codes = [];
                }

                codes.Add(code);
            }
        }
    }
}

/// <summary>
/// Names of a demo region in the grammatical forms titles and texts need, from <c>Data/regions.json</c>. Every federal
/// subject has its own names; Amur oblast (28) and the federal cities also their own places, the others a share of the
/// generic places that grows with their size. Codes that are no subject get the template «региона {code}».
/// </summary>
internal sealed class DemoRegionData
{
    // The generic places of before the country: the fewest a region without its own gets.
    private const int MinimumGenericTowns = 6;
    private const int MinimumGenericDistricts = 12;
    private const int MinimumGenericVillages = 24;

    /// <summary>Chance that a drawn institution is in a town unless the region says otherwise (as in Amur oblast).</summary>
    private const double DefaultUrbanShare = 0.55;

    private DemoRegionData(int code, DemoRegionEntry entry, Func<string, string> name, DemoTown[] towns, DemoDistrict[] districts, DemoVillage[] villages)
    {
        Code = code;
        Genitive = name(entry.Genitive);
        Prepositional = name(entry.Prepositional);
        BrandMasculine = name(entry.BrandMasculine);
        BrandFeminine = name(entry.BrandFeminine);
        LevelMasculine = name(entry.LevelMasculine);
        LevelFeminine = name(entry.LevelFeminine);
        Hashtag = name(entry.Hashtag);
        Slug = name(entry.Slug);
        UtcOffsetHours = entry.UtcOffsetHours;
        InstitutionSuffix = entry.Abbreviation is null ? "" : " " + entry.Abbreviation;
        ExtraHashtag = entry.ExtraHashtag;
        Leader = entry.Leader ?? "Губернатор";
        LeaderInstrumental = entry.LeaderInstrumental ?? "Губернатором";
        Legislature = entry.Legislature ?? "Законодательное Собрание " + Genitive;
        Ministry = entry.Ministry ?? "Министерство";
        IsFederalCity = entry.FederalCity;
        UrbanShare = entry.UrbanShare ?? DefaultUrbanShare;
        Capital = entry.Capital;
        Towns = towns;
        Districts = districts;
        Villages = villages;
    }

    public int Code { get; }

    /// <summary>«Амурской области».</summary>
    public string Genitive { get; }

    /// <summary>«Амурской области» (after «в»), «Хабаровском крае».</summary>
    public string Prepositional { get; }

    /// <summary>«Амурский» (as in «Амурский колледж»).</summary>
    public string BrandMasculine { get; }

    public string BrandFeminine { get; }

    /// <summary>«областной» / «краевой»; empty for regions whose level is unknown.</summary>
    public string LevelMasculine { get; }

    public string LevelFeminine { get; }

    public string Hashtag { get; }

    public string Slug { get; }

    public int UtcOffsetHours { get; }

    public TimeSpan UtcOffset => TimeSpan.FromHours(UtcOffsetHours);

    /// <summary>Abbreviation used in names of regional institutions, with its space: « АО» (as in «ГАУЗ АО») or empty.</summary>
    public string InstitutionSuffix { get; }

    /// <summary>A second regional hashtag, e.g. «#Приамурье».</summary>
    public string? ExtraHashtag { get; }

    /// <summary>«Губернатор», «Глава», «Раис», «Мэр»: before the genitive in the head's title, and as the quoted speaker.</summary>
    public string Leader { get; }

    /// <summary>«Губернатором»: as in «Прямая линия с Губернатором Амурской области».</summary>
    public string LeaderInstrumental { get; }

    /// <summary>«Законодательное Собрание Амурской области», «Государственный Совет Республики Татарстан».</summary>
    public string Legislature { get; }

    /// <summary>«Министерство»: as in «Министерство здравоохранения Амурской области».</summary>
    public string Ministry { get; }

    public bool IsFederalCity { get; }

    public double UrbanShare { get; }

    public DemoTown Capital { get; }

    public DemoTown[] Towns { get; }

    public DemoDistrict[] Districts { get; }

    public DemoVillage[] Villages { get; }

    /// <summary>«Амурская областная», as in «Амурская областная клиническая больница».</summary>
    public string RegionalFeminine => Join(BrandFeminine, LevelFeminine);

    /// <summary>«Амурский областной», as in «Амурский областной краеведческий музей».</summary>
    public string RegionalMasculine => Join(BrandMasculine, LevelMasculine);

    public static DemoRegionData For(int code)
    {
        var file = DemoData.Regions;
        var known = Array.Find(file.Regions, row => row.Code == code);
        var entry = known ?? file.OtherRegions;
        var codeText = code.ToString(CultureInfo.InvariantCulture);
        Func<string, string> name = known is null ? text => text.Replace("{code}", codeText, StringComparison.Ordinal) : text => text;
        var capital = entry.Capital;

        // A region without places of its own gets as many generic places per page as the reference region (Amur oblast) has,
        // by its realistic size: pools sized by the generated count would change a region with Demo:PageShare.
        var reference = Array.Find(file.Regions, row => row.Code == DemoData.Country.PageModel.AnchorRegion)!;
        var scale = FederalSubjects.TryGet(code, out _) ? DemoCountry.PageCount(code) / (double)DemoData.Country.PageModel.AnchorPages : 1.0;
        var districts = entry.Districts ?? Share(file.GenericDistricts, file.DistrictsOf(reference).Length, scale, MinimumGenericDistricts);
        var villages = (entry.Villages ?? Share(file.GenericVillages, file.VillagesOf(reference).Length, scale, MinimumGenericVillages))
            .Select((village, i) => new DemoVillage(village.Name, village.Slug, DistrictIndex(districts, village, i)))
            .ToArray();
        var towns = entry.Towns ?? Share(file.GenericTowns, 1 + (reference.Towns?.Length ?? 0), scale, MinimumGenericTowns);
        return new DemoRegionData(code, entry, name, [capital, .. towns.Where(town => town.Slug != capital.Slug)], districts, villages);
    }

    /// <summary>The first <c>round(perReference · scale)</c> items, at least <paramref name="minimum"/>, at most all.</summary>
    private static T[] Share<T>(T[] generic, int perReference, double scale, int minimum) =>
        generic[..Math.Min(generic.Length, Math.Max(minimum, (int)Math.Round(perReference * scale, MidpointRounding.AwayFromZero)))];

    /// <summary>The village's district; a generic village whose district lies beyond the region's share takes one in turn.</summary>
    private static int DistrictIndex(DemoDistrict[] districts, DemoVillageEntry village, int index)
    {
        var found = Array.FindIndex(districts, district => district.Slug == village.District);
        return found >= 0 ? found : index % districts.Length;
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : second.Length == 0 ? first : first + " " + second;
}
