using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Tests.Domain;

public sealed class RegionsTests
{
    [Fact]
    public void There_are_89_federal_subjects()
    {
        Assert.Equal(89, Regions.All.Count);
    }

    [Fact]
    public void Codes_are_unique_and_are_exactly_the_register_codes_in_use()
    {
        // 01..79 (79 codes) + 83, 86, 87, 89 (4) + 90..95 (6) = 89; 80–82, 84, 85, 88 were retired by mergers.
        var expected = Enumerable.Range(1, 79).Concat([83, 86, 87, 89]).Concat(Enumerable.Range(90, 6));
        var codes = Regions.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(expected.Order(), codes.Order());
    }

    [Fact]
    public void Names_are_unique_and_filled_in()
    {
        Assert.All(Regions.All, r => Assert.False(string.IsNullOrWhiteSpace(r.RussianName)));
        Assert.Equal(Regions.All.Count, Regions.All.Select(r => r.RussianName).Distinct().Count());
    }

    [Fact]
    public void Amur_oblast_is_code_28_in_the_Far_East_at_UTC_plus_9()
    {
        var amur = Regions.Get(28);

        Assert.Equal("Амурская область", amur.RussianName);
        Assert.Equal(FederalDistrict.FarEastern, amur.District);
        Assert.Equal(9, amur.UtcOffsetHours);
    }

    [Fact]
    public void Federal_cities_are_named_without_the_city_prefix()
    {
        Assert.Equal("Москва", Regions.Get(77).RussianName);
        Assert.Equal("Санкт-Петербург", Regions.Get(78).RussianName);
        Assert.Equal("Севастополь", Regions.Get(92).RussianName);
    }

    [Theory]
    [InlineData(14, "Республика Саха (Якутия)")]
    [InlineData(41, "Камчатский край")]
    [InlineData(59, "Пермский край")]
    [InlineData(75, "Забайкальский край")]
    [InlineData(79, "Еврейская автономная область")]
    [InlineData(83, "Ненецкий автономный округ")]
    [InlineData(86, "Ханты-Мансийский автономный округ — Югра")]
    [InlineData(87, "Чукотский автономный округ")]
    [InlineData(89, "Ямало-Ненецкий автономный округ")]
    [InlineData(90, "Запорожская область")]
    [InlineData(91, "Республика Крым")]
    [InlineData(93, "Донецкая Народная Республика")]
    [InlineData(94, "Луганская Народная Республика")]
    [InlineData(95, "Херсонская область")]
    public void Codes_map_to_their_official_names(int code, string name)
    {
        Assert.Equal(name, Regions.Get(code).RussianName);
    }

    [Fact]
    public void Every_federal_district_has_its_subjects()
    {
        // Counts as of 2026: Crimea, Sevastopol, DPR, LPR, Zaporozhye and Kherson are in the Southern district (6 + 6 = 12);
        // Buryatia and Zabaykalsky krai are in the Far Eastern district since 2018.
        var expected = new Dictionary<FederalDistrict, int>
        {
            [FederalDistrict.Central] = 18,
            [FederalDistrict.NorthWestern] = 11,
            [FederalDistrict.Southern] = 12,
            [FederalDistrict.NorthCaucasian] = 7,
            [FederalDistrict.Volga] = 14,
            [FederalDistrict.Ural] = 6,
            [FederalDistrict.Siberian] = 10,
            [FederalDistrict.FarEastern] = 11,
        };

        foreach (var district in Enum.GetValues<FederalDistrict>())
        {
            Assert.Equal(expected[district], Regions.All.Count(r => r.District == district));
        }
    }

    [Theory]
    [InlineData(90)]
    [InlineData(91)]
    [InlineData(92)]
    [InlineData(93)]
    [InlineData(94)]
    [InlineData(95)]
    public void New_regions_and_Crimea_are_in_the_Southern_district_on_Moscow_time(int code)
    {
        var region = Regions.Get(code);

        Assert.Equal(FederalDistrict.Southern, region.District);
        Assert.Equal(3, region.UtcOffsetHours);
    }

    [Theory]
    [InlineData(39, 2)] // Kaliningrad
    [InlineData(77, 3)] // Moscow
    [InlineData(34, 3)] // Volgograd (back on Moscow time since 2020)
    [InlineData(18, 4)] // Udmurtia
    [InlineData(30, 4)] // Astrakhan
    [InlineData(63, 4)] // Samara
    [InlineData(64, 4)] // Saratov
    [InlineData(73, 4)] // Ulyanovsk
    [InlineData(2, 5)] // Bashkortostan
    [InlineData(45, 5)] // Kurgan
    [InlineData(56, 5)] // Orenburg
    [InlineData(59, 5)] // Perm
    [InlineData(66, 5)] // Sverdlovsk
    [InlineData(72, 5)] // Tyumen
    [InlineData(74, 5)] // Chelyabinsk
    [InlineData(86, 5)] // Khanty-Mansi
    [InlineData(89, 5)] // Yamalo-Nenets
    [InlineData(55, 6)] // Omsk
    [InlineData(4, 7)] // Altai Republic
    [InlineData(17, 7)] // Tuva
    [InlineData(19, 7)] // Khakassia
    [InlineData(22, 7)] // Altai krai
    [InlineData(24, 7)] // Krasnoyarsk
    [InlineData(42, 7)] // Kemerovo
    [InlineData(54, 7)] // Novosibirsk
    [InlineData(70, 7)] // Tomsk
    [InlineData(3, 8)] // Buryatia
    [InlineData(38, 8)] // Irkutsk
    [InlineData(14, 9)] // Yakutia (Yakutsk)
    [InlineData(28, 9)] // Amur
    [InlineData(75, 9)] // Zabaykalsky
    [InlineData(25, 10)] // Primorye
    [InlineData(27, 10)] // Khabarovsk
    [InlineData(79, 10)] // Jewish AO
    [InlineData(49, 11)] // Magadan
    [InlineData(65, 11)] // Sakhalin
    [InlineData(41, 12)] // Kamchatka
    [InlineData(87, 12)] // Chukotka
    public void Standard_utc_offsets_match_the_time_zone_law(int code, int offsetHours)
    {
        Assert.Equal(offsetHours, Regions.Get(code).UtcOffsetHours);
    }

    [Fact]
    public void Offsets_stay_within_Russian_time_zones()
    {
        Assert.All(Regions.All, r => Assert.InRange(r.UtcOffsetHours, 2, 12));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    [InlineData(82)]
    [InlineData(96)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Unknown_codes_are_not_found(int code)
    {
        Assert.False(Regions.TryGet(code, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regions.Get(code));
    }

    [Fact]
    public void TryGet_finds_every_listed_subject()
    {
        Assert.All(Regions.All, r =>
        {
            Assert.True(Regions.TryGet(r.Code, out var found));
            Assert.Same(r, found);
        });
    }
}
