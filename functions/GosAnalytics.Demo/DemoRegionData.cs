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

/// <summary>A village (село) and the district it belongs to.</summary>
internal sealed record DemoVillage(string Name, string Slug, int District)
{
    public string Hashtag => Name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

/// <summary>
/// Names of the demo region in the grammatical forms titles and texts need. Amur oblast (28) carries real place names;
/// other codes get their own region name when known and generic Russian place names.
/// </summary>
internal sealed class DemoRegionData
{
    private DemoRegionData(int code, string genitive, string prepositional, string brandMasculine, string brandFeminine, string levelMasculine, string levelFeminine, string hashtag, string slug, int utcOffsetHours, DemoTown capital)
    {
        Code = code;
        Genitive = genitive;
        Prepositional = prepositional;
        BrandMasculine = brandMasculine;
        BrandFeminine = brandFeminine;
        LevelMasculine = levelMasculine;
        LevelFeminine = levelFeminine;
        Hashtag = hashtag;
        Slug = slug;
        UtcOffsetHours = utcOffsetHours;
        Capital = capital;
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

    /// <summary>Abbreviation used in names of regional institutions: «ГАУЗ АО» for Amur oblast.</summary>
    public string InstitutionSuffix => Code == 28 ? " АО" : "";

    /// <summary>A second regional hashtag, e.g. «#Приамурье».</summary>
    public string? ExtraHashtag => Code == 28 ? "Приамурье" : null;

    public DemoTown Capital { get; }

    public DemoTown[] Towns { get; private init; } = [];

    public DemoDistrict[] Districts { get; private init; } = [];

    public DemoVillage[] Villages { get; private init; } = [];

    /// <summary>«Амурская областная {noun}», e.g. «Амурская областная клиническая больница».</summary>
    public string RegionalFeminine(string noun) => Join(BrandFeminine, LevelFeminine, noun);

    public string RegionalMasculine(string noun) => Join(BrandMasculine, LevelMasculine, noun);

    public static DemoRegionData For(int code)
    {
        if (code == 28)
        {
            return Amur();
        }

        var known = Array.Find(KnownRegions, row => row.Code == code);
        var generic = known.Code != code;
        var capital = generic ? new DemoTown("Заречный", "Заречного", "Зареченский", "zarechny", "800", 14, 30, 0.3) : known.Capital;
        return new DemoRegionData(
            code,
            generic ? $"региона {code}" : known.Genitive,
            generic ? $"регионе {code}" : known.Prepositional,
            generic ? "Региональный" : known.BrandMasculine,
            generic ? "Региональная" : known.BrandFeminine,
            generic ? "" : known.LevelMasculine,
            generic ? "" : known.LevelFeminine,
            generic ? $"Регион{code}" : known.Hashtag,
            generic ? $"r{code}" : known.Slug,
            generic ? 3 : known.UtcOffset,
            capital)
        {
            Towns = [capital, .. GenericTowns.Where(town => town.Slug != capital.Slug)],
            Districts = GenericDistricts,
            Villages = GenericVillages,
        };
    }

    private static string Join(string first, string second, string third) =>
        string.Join(' ', new[] { first, second, third }.Where(part => part.Length > 0));

    private static DemoRegionData Amur()
    {
        var capital = new DemoTown("Благовещенск", "Благовещенска", "Благовещенский", "blg", "4162", 28, 70, 0.42);
        return new DemoRegionData(28, "Амурской области", "Амурской области", "Амурский", "Амурская", "областной", "областная", "Амурскаяобласть", "amur", 9, capital)
        {
            Towns =
            [
                capital,
                new DemoTown("Белогорск", "Белогорска", "Белогорский", "belogorsk", "41641", 11, 17, 0.12),
                new DemoTown("Свободный", "Свободного", "Свободненский", "svobodny", "41643", 12, 16, 0.11),
                new DemoTown("Тында", "Тынды", "Тындинский", "tynda", "41656", 8, 12, 0.07),
                new DemoTown("Зея", "Зеи", "Зейский", "zeya", "41658", 5, 8, 0.05),
                new DemoTown("Шимановск", "Шимановска", "Шимановский", "shimanovsk", "41651", 4, 6, 0.04),
                new DemoTown("Райчихинск", "Райчихинска", "Райчихинский", "raichikhinsk", "41647", 5, 6, 0.04),
                new DemoTown("Циолковский", "Циолковского", "Циолковский", "tsiolkovsky", "41659", 3, 4, 0.03),
                new DemoTown("Завитинск", "Завитинска", "Завитинский", "zavitinsk", "41636", 2, 3, 0.02),
                new DemoTown("Сковородино", "Сковородино", "Сковородинский", "skovorodino", "41654", 3, 4, 0.03),
            ],
            Districts =
            [
                new DemoDistrict("Архаринский", "arkhara", "41648"),
                new DemoDistrict("Белогорский", "belogorsky", "41641"),
                new DemoDistrict("Благовещенский", "blagraion", "4162"),
                new DemoDistrict("Бурейский", "bureya", "41634"),
                new DemoDistrict("Завитинский", "zavitinsky", "41636"),
                new DemoDistrict("Зейский", "zeysky", "41658"),
                new DemoDistrict("Ивановский", "ivanovka", "41649"),
                new DemoDistrict("Константиновский", "konstantinovka", "41639"),
                new DemoDistrict("Магдагачинский", "magdagachi", "41653"),
                new DemoDistrict("Мазановский", "mazanovo", "41644"),
                new DemoDistrict("Михайловский", "poyarkovo", "41637"),
                new DemoDistrict("Октябрьский", "oktyabrsky", "41652"),
                new DemoDistrict("Ромненский", "romny", "41645"),
                new DemoDistrict("Свободненский", "svobraion", "41643"),
                new DemoDistrict("Селемджинский", "selemdzha", "41646"),
                new DemoDistrict("Серышевский", "seryshevo", "41642"),
                new DemoDistrict("Сковородинский", "skovorodinsky", "41654"),
                new DemoDistrict("Тамбовский", "tambovka", "41638"),
                new DemoDistrict("Тындинский", "tyndinsky", "41656"),
                new DemoDistrict("Шимановский", "shimraion", "41651"),
            ],
            Villages =
            [
                new DemoVillage("Архара", "arkhara", 0), new DemoVillage("Аркадьевка", "arkadyevka", 0),
                new DemoVillage("Томичи", "tomichi", 1), new DemoVillage("Васильевка", "vasilyevka", 1), new DemoVillage("Возжаевка", "vozzhaevka", 1),
                new DemoVillage("Чигири", "chigiri", 2), new DemoVillage("Волково", "volkovo", 2), new DemoVillage("Садовое", "sadovoe", 2), new DemoVillage("Марково", "markovo", 2), new DemoVillage("Владимировка", "vladimirovka", 2), new DemoVillage("Усть-Ивановка", "ustivanovka", 2),
                new DemoVillage("Новобурейский", "novobureysky", 3), new DemoVillage("Бурея", "bureya", 3),
                new DemoVillage("Антоновка", "antonovka", 4),
                new DemoVillage("Овсянка", "ovsyanka", 5), new DemoVillage("Алексеевка", "alekseevka", 5),
                new DemoVillage("Ивановка", "ivanovka", 6), new DemoVillage("Берёзовка", "berezovka", 6), new DemoVillage("Среднебелая", "srednebelaya", 6), new DemoVillage("Ерковцы", "erkovtsy", 6), new DemoVillage("Андреевка", "andreevka", 6),
                new DemoVillage("Константиновка", "konstantinovka", 7), new DemoVillage("Зеньковка", "zenkovka", 7), new DemoVillage("Нижняя Полтавка", "npoltavka", 7),
                new DemoVillage("Магдагачи", "magdagachi", 8), new DemoVillage("Тыгда", "tygda", 8), new DemoVillage("Ушумун", "ushumun", 8),
                new DemoVillage("Новокиевский Увал", "nkuval", 9), new DemoVillage("Мазаново", "mazanovo", 9),
                new DemoVillage("Поярково", "poyarkovo", 10), new DemoVillage("Михайловка", "mikhaylovka", 10),
                new DemoVillage("Екатеринославка", "ekaterinoslavka", 11), new DemoVillage("Варваровка", "varvarovka", 11), new DemoVillage("Панино", "panino", 11),
                new DemoVillage("Ромны", "romny", 12), new DemoVillage("Святорусовка", "svyatorusovka", 12),
                new DemoVillage("Климоуцы", "klimoutsy", 13), new DemoVillage("Черниговка", "chernigovka", 13),
                new DemoVillage("Экимчан", "ekimchan", 14), new DemoVillage("Февральск", "fevralsk", 14), new DemoVillage("Стойба", "stoyba", 14),
                new DemoVillage("Серышево", "seryshevo", 15), new DemoVillage("Белоногово", "belonogovo", 15), new DemoVillage("Озёрное", "ozernoe", 15),
                new DemoVillage("Ерофей Павлович", "erofey", 16), new DemoVillage("Невер", "never", 16),
                new DemoVillage("Тамбовка", "tambovka", 17), new DemoVillage("Лозовое", "lozovoe", 17), new DemoVillage("Косицино", "kositsino", 17), new DemoVillage("Жариково", "zharikovo", 17), new DemoVillage("Николаевка", "nikolaevka", 17),
                new DemoVillage("Соловьёвск", "solovyevsk", 18), new DemoVillage("Уркан", "urkan", 18),
                new DemoVillage("Новогеоргиевка", "novogeorgievka", 19), new DemoVillage("Мухино", "mukhino", 19),
            ],
        };
    }

    private readonly record struct KnownRegion(
        int Code, string Genitive, string Prepositional, string BrandMasculine, string BrandFeminine, string LevelMasculine, string LevelFeminine, string Hashtag, string Slug, int UtcOffset, DemoTown Capital);

    private static readonly KnownRegion[] KnownRegions =
    [
        new(25, "Приморского края", "Приморском крае", "Приморский", "Приморская", "краевой", "краевая", "Приморье", "prim", 10, new DemoTown("Владивосток", "Владивостока", "Владивостокский", "vladivostok", "423", 60, 120, 0.4)),
        new(27, "Хабаровского края", "Хабаровском крае", "Хабаровский", "Хабаровская", "краевой", "краевая", "Хабаровскийкрай", "khv", 10, new DemoTown("Хабаровск", "Хабаровска", "Хабаровский", "khabarovsk", "4212", 60, 110, 0.4)),
        new(38, "Иркутской области", "Иркутской области", "Иркутский", "Иркутская", "областной", "областная", "Иркутскаяобласть", "irk", 8, new DemoTown("Иркутск", "Иркутска", "Иркутский", "irkutsk", "3952", 70, 150, 0.4)),
        new(43, "Кировской области", "Кировской области", "Кировский", "Кировская", "областной", "областная", "Кировскаяобласть", "kirov", 3, new DemoTown("Киров", "Кирова", "Кировский", "kirov", "8332", 50, 100, 0.4)),
        new(52, "Нижегородской области", "Нижегородской области", "Нижегородский", "Нижегородская", "областной", "областная", "Нижегородскаяобласть", "nnov", 3, new DemoTown("Нижний Новгород", "Нижнего Новгорода", "Нижегородский", "nnov", "831", 120, 250, 0.4)),
        new(54, "Новосибирской области", "Новосибирской области", "Новосибирский", "Новосибирская", "областной", "областная", "Новосибирскаяобласть", "nso", 7, new DemoTown("Новосибирск", "Новосибирска", "Новосибирский", "nsk", "383", 180, 300, 0.4)),
        new(61, "Ростовской области", "Ростовской области", "Ростовский", "Ростовская", "областной", "областная", "Ростовскаяобласть", "rostov", 3, new DemoTown("Ростов-на-Дону", "Ростова-на-Дону", "Ростовский", "rnd", "863", 110, 200, 0.4)),
        new(66, "Свердловской области", "Свердловской области", "Свердловский", "Свердловская", "областной", "областная", "Свердловскаяобласть", "so", 5, new DemoTown("Екатеринбург", "Екатеринбурга", "Екатеринбургский", "ekb", "343", 170, 300, 0.4)),
    ];

    private static readonly DemoTown[] GenericTowns =
    [
        new DemoTown("Заречный", "Заречного", "Зареченский", "zarechny", "800", 9, 14, 0.12),
        new DemoTown("Первомайск", "Первомайска", "Первомайский", "pervomaysk", "800", 7, 10, 0.1),
        new DemoTown("Светлогорск", "Светлогорска", "Светлогорский", "svetlogorsk", "800", 6, 9, 0.08),
        new DemoTown("Каменск", "Каменска", "Каменский", "kamensk", "800", 6, 8, 0.08),
        new DemoTown("Сосновоборск", "Сосновоборска", "Сосновоборский", "sosnovoborsk", "800", 4, 6, 0.06),
        new DemoTown("Лесогорск", "Лесогорска", "Лесогорский", "lesogorsk", "800", 3, 5, 0.05),
    ];

    private static readonly DemoDistrict[] GenericDistricts =
    [
        new DemoDistrict("Октябрьский", "oktyabrsky", "800"), new DemoDistrict("Первомайский", "pervomaysky", "800"),
        new DemoDistrict("Советский", "sovetsky", "800"), new DemoDistrict("Кировский", "kirovsky", "800"),
        new DemoDistrict("Ленинский", "leninsky", "800"), new DemoDistrict("Берёзовский", "berezovsky", "800"),
        new DemoDistrict("Сосновский", "sosnovsky", "800"), new DemoDistrict("Северный", "severny", "800"),
        new DemoDistrict("Красноармейский", "krasnoarmeysky", "800"), new DemoDistrict("Заречный", "zarechny", "800"),
        new DemoDistrict("Каменский", "kamensky", "800"), new DemoDistrict("Ключевский", "klyuchevsky", "800"),
    ];

    private static readonly DemoVillage[] GenericVillages =
    [
        new DemoVillage("Берёзовка", "berezovka", 0), new DemoVillage("Ивановка", "ivanovka", 1), new DemoVillage("Никольское", "nikolskoe", 2),
        new DemoVillage("Покровка", "pokrovka", 3), new DemoVillage("Александровка", "aleksandrovka", 4), new DemoVillage("Михайловка", "mikhaylovka", 5),
        new DemoVillage("Сосновка", "sosnovka", 6), new DemoVillage("Васильевка", "vasilyevka", 7), new DemoVillage("Петровка", "petrovka", 8),
        new DemoVillage("Знаменка", "znamenka", 9), new DemoVillage("Троицкое", "troitskoe", 10), new DemoVillage("Успенка", "uspenka", 11),
        new DemoVillage("Вознесенка", "voznesenka", 0), new DemoVillage("Дмитриевка", "dmitrievka", 1), new DemoVillage("Новоселье", "novoselye", 2),
        new DemoVillage("Калиновка", "kalinovka", 3), new DemoVillage("Ключи", "klyuchi", 4), new DemoVillage("Красный Яр", "krasnyyar", 5),
        new DemoVillage("Каменка", "kamenka", 6), new DemoVillage("Ольховка", "olkhovka", 7), new DemoVillage("Луговое", "lugovoe", 8),
        new DemoVillage("Садовое", "sadovoe", 9), new DemoVillage("Раздольное", "razdolnoe", 10), new DemoVillage("Светлое", "svetloe", 11),
    ];
}
