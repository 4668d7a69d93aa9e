using System.Globalization;

namespace GosAnalytics.Demo;

/// <summary>A town of the demo region: names in the cases the titles need, a latin slug and the phone area code.</summary>
internal sealed record DemoTown(string Name, string Genitive, string Adjective, string Slug, string PhoneCode, int Schools, int Kindergartens, double Weight);

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
/// <param name="Abbreviation">Used in names of regional institutions: «АО» makes «ГАУЗ АО».</param>
/// <param name="ExtraHashtag">A second regional hashtag, e.g. «Приамурье».</param>
/// <param name="Towns">Towns besides the capital, which always comes first.</param>
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
    DemoVillageEntry[]? Villages = null);

/// <summary>The contents of <c>Data/regions.json</c>.</summary>
/// <param name="Regions">Regions with their own names; Amur oblast (28) also has its real towns, districts and villages.</param>
/// <param name="OtherRegions">Template for any other subject code.</param>
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

            Validate(region, $"region {code}");
        }

        Validate(OtherRegions, "otherRegions");
    }

    public DemoDistrict[] DistrictsOf(DemoRegionEntry region) => region.Districts ?? GenericDistricts;

    public DemoVillageEntry[] VillagesOf(DemoRegionEntry region) => region.Villages ?? GenericVillages;

    private void Validate(DemoRegionEntry region, string what)
    {
        if (region.BrandMasculine.Length == 0 || region.BrandFeminine.Length == 0)
        {
            throw new InvalidDataException($"{what} needs brandMasculine and brandFeminine.");
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
}

/// <summary>
/// Names of the demo region in the grammatical forms titles and texts need, from <c>Data/regions.json</c>. Amur oblast (28)
/// carries real place names; other codes get their own region name when known and generic Russian place names.
/// </summary>
internal sealed class DemoRegionData
{
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
        var districts = file.DistrictsOf(entry);
        var villages = file.VillagesOf(entry)
            .Select(village => new DemoVillage(village.Name, village.Slug, Array.FindIndex(districts, district => district.Slug == village.District)))
            .ToArray();
        DemoTown[] towns = [capital, .. (entry.Towns ?? file.GenericTowns).Where(town => town.Slug != capital.Slug)];
        return new DemoRegionData(code, entry, name, towns, districts, villages);
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : second.Length == 0 ? first : first + " " + second;
}
