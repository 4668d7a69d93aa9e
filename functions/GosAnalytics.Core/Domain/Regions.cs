using System.Diagnostics.CodeAnalysis;

namespace GosAnalytics.Core.Domain;

/// <summary>
/// Reference table of the 89 federal subjects of Russia: subject code (as in the tax service and vehicle
/// registers), official Russian name (as listed in art. 65 of the Constitution; the three federal cities
/// without "г."), federal district as of 2026 and standard UTC offset of the capital (Russia keeps no DST).
/// </summary>
public static class Regions
{
    private const FederalDistrict C = FederalDistrict.Central;
    private const FederalDistrict Nw = FederalDistrict.NorthWestern;
    private const FederalDistrict S = FederalDistrict.Southern;
    private const FederalDistrict Nc = FederalDistrict.NorthCaucasian;
    private const FederalDistrict V = FederalDistrict.Volga;
    private const FederalDistrict U = FederalDistrict.Ural;
    private const FederalDistrict Sib = FederalDistrict.Siberian;
    private const FederalDistrict Fe = FederalDistrict.FarEastern;

    /// <summary>All 89 subjects, ordered by code.</summary>
    public static IReadOnlyList<Region> All { get; } =
    [
        new(1, "Республика Адыгея (Адыгея)", S, 3),
        new(2, "Республика Башкортостан", V, 5),
        new(3, "Республика Бурятия", Fe, 8),
        new(4, "Республика Алтай", Sib, 7),
        new(5, "Республика Дагестан", Nc, 3),
        new(6, "Республика Ингушетия", Nc, 3),
        new(7, "Кабардино-Балкарская Республика", Nc, 3),
        new(8, "Республика Калмыкия", S, 3),
        new(9, "Карачаево-Черкесская Республика", Nc, 3),
        new(10, "Республика Карелия", Nw, 3),
        new(11, "Республика Коми", Nw, 3),
        new(12, "Республика Марий Эл", V, 3),
        new(13, "Республика Мордовия", V, 3),
        new(14, "Республика Саха (Якутия)", Fe, 9), // Yakutsk; the republic spans +9..+11
        new(15, "Республика Северная Осетия — Алания", Nc, 3),
        new(16, "Республика Татарстан (Татарстан)", V, 3),
        new(17, "Республика Тыва", Sib, 7),
        new(18, "Удмуртская Республика", V, 4),
        new(19, "Республика Хакасия", Sib, 7),
        new(20, "Чеченская Республика", Nc, 3),
        new(21, "Чувашская Республика — Чувашия", V, 3),
        new(22, "Алтайский край", Sib, 7),
        new(23, "Краснодарский край", S, 3),
        new(24, "Красноярский край", Sib, 7),
        new(25, "Приморский край", Fe, 10),
        new(26, "Ставропольский край", Nc, 3),
        new(27, "Хабаровский край", Fe, 10),
        new(28, "Амурская область", Fe, 9),
        new(29, "Архангельская область", Nw, 3),
        new(30, "Астраханская область", S, 4),
        new(31, "Белгородская область", C, 3),
        new(32, "Брянская область", C, 3),
        new(33, "Владимирская область", C, 3),
        new(34, "Волгоградская область", S, 3), // back on Moscow time since 27 Dec 2020
        new(35, "Вологодская область", Nw, 3),
        new(36, "Воронежская область", C, 3),
        new(37, "Ивановская область", C, 3),
        new(38, "Иркутская область", Sib, 8),
        new(39, "Калининградская область", Nw, 2),
        new(40, "Калужская область", C, 3),
        new(41, "Камчатский край", Fe, 12),
        new(42, "Кемеровская область — Кузбасс", Sib, 7),
        new(43, "Кировская область", V, 3),
        new(44, "Костромская область", C, 3),
        new(45, "Курганская область", U, 5),
        new(46, "Курская область", C, 3),
        new(47, "Ленинградская область", Nw, 3),
        new(48, "Липецкая область", C, 3),
        new(49, "Магаданская область", Fe, 11),
        new(50, "Московская область", C, 3),
        new(51, "Мурманская область", Nw, 3),
        new(52, "Нижегородская область", V, 3),
        new(53, "Новгородская область", Nw, 3),
        new(54, "Новосибирская область", Sib, 7),
        new(55, "Омская область", Sib, 6),
        new(56, "Оренбургская область", V, 5),
        new(57, "Орловская область", C, 3),
        new(58, "Пензенская область", V, 3),
        new(59, "Пермский край", V, 5),
        new(60, "Псковская область", Nw, 3),
        new(61, "Ростовская область", S, 3),
        new(62, "Рязанская область", C, 3),
        new(63, "Самарская область", V, 4),
        new(64, "Саратовская область", V, 4),
        new(65, "Сахалинская область", Fe, 11),
        new(66, "Свердловская область", U, 5),
        new(67, "Смоленская область", C, 3),
        new(68, "Тамбовская область", C, 3),
        new(69, "Тверская область", C, 3),
        new(70, "Томская область", Sib, 7),
        new(71, "Тульская область", C, 3),
        new(72, "Тюменская область", U, 5),
        new(73, "Ульяновская область", V, 4),
        new(74, "Челябинская область", U, 5),
        new(75, "Забайкальский край", Fe, 9),
        new(76, "Ярославская область", C, 3),
        new(77, "Москва", C, 3),
        new(78, "Санкт-Петербург", Nw, 3),
        new(79, "Еврейская автономная область", Fe, 10),
        new(83, "Ненецкий автономный округ", Nw, 3),
        new(86, "Ханты-Мансийский автономный округ — Югра", U, 5),
        new(87, "Чукотский автономный округ", Fe, 12),
        new(89, "Ямало-Ненецкий автономный округ", U, 5),
        new(90, "Запорожская область", S, 3),
        new(91, "Республика Крым", S, 3),
        new(92, "Севастополь", S, 3),
        new(93, "Донецкая Народная Республика", S, 3),
        new(94, "Луганская Народная Республика", S, 3),
        new(95, "Херсонская область", S, 3),
    ];

    // Codes are 1..95, so a flat array indexed by code is the cheapest lookup.
    private static readonly Region?[] ByCode = BuildIndex();

    /// <summary>Finds a subject by its code.</summary>
    public static bool TryGet(int code, [MaybeNullWhen(false)] out Region region)
    {
        if (code >= 0 && code < ByCode.Length && ByCode[code] is { } found)
        {
            region = found;
            return true;
        }

        region = null;
        return false;
    }

    /// <summary>Reads the code of a federal subject written as plain digits (leading zeros allowed, as in "01").</summary>
    public static bool TryParseCode(string? text, out int code)
    {
        // Digits only: int.TryParse alone also takes trailing NUL characters ("28\0").
        code = 0;
        return !string.IsNullOrEmpty(text) && !text.AsSpan().ContainsAnyExceptInRange('0', '9')
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code) && TryGet(code, out _);
    }

    /// <summary>Gets a subject by its code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No subject has this code.</exception>
    public static Region Get(int code) =>
        TryGet(code, out var region)
            ? region
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a code of a federal subject of Russia.");

    private static Region?[] BuildIndex()
    {
        var index = new Region?[All.Max(r => r.Code) + 1];
        foreach (var region in All)
        {
            index[region.Code] = index[region.Code] is null
                ? region
                : throw new InvalidOperationException($"Duplicate region code {region.Code}.");
        }

        return index;
    }
}
