using System.Text;
using System.Text.RegularExpressions;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Tests.Domain;

public sealed class RegionTilesTests
{
    private static readonly RegionTileGrid Grid = RegionTiles.Grid;

    private static RegionTile Tile(int code) => Grid.Tiles.Single(t => t.Code == code);

    /// <summary>Squares that touch, at a side or a corner.</summary>
    private static bool Touch(RegionTile a, RegionTile b) => Math.Max(Math.Abs(a.Row - b.Row), Math.Abs(a.Column - b.Column)) <= 1;

    [Fact]
    public void Every_federal_subject_has_exactly_one_tile()
    {
        Assert.Equal(Regions.All.Select(r => r.Code), Grid.Tiles.Select(t => t.Code));
    }

    [Fact]
    public void The_grid_is_about_18_columns_by_11_rows_and_no_two_tiles_share_a_cell()
    {
        Assert.Equal(18, Grid.Columns);
        Assert.Equal(11, Grid.Rows);
        Assert.All(Grid.Tiles, t => Assert.InRange(t.Row, 0, Grid.Rows - 1));
        Assert.All(Grid.Tiles, t => Assert.InRange(t.Column, 0, Grid.Columns - 1));
        Assert.Equal(Grid.Tiles.Count, Grid.Tiles.Select(t => (t.Row, t.Column)).Distinct().Count());
    }

    [Fact]
    public void Labels_are_unique_short_Russian_capitals()
    {
        Assert.Equal(Grid.Tiles.Count, Grid.Tiles.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Grid.Tiles, t => Assert.Matches(new Regex("^[А-ЯЁ]{2,5}$"), t.Label));
        Assert.Equal("МСК", Tile(77).Label);
        Assert.Equal("АМУР", Tile(28).Label);
    }

    [Fact]
    public void Kaliningrad_is_alone_in_the_first_column_and_Chukotka_is_in_the_north_east_corner()
    {
        Assert.Equal([39], Grid.Tiles.Where(t => t.Column == 0).Select(t => t.Code));
        Assert.Equal(Grid.Columns - 1, Tile(87).Column);
        Assert.Equal(0, Tile(87).Row);
        Assert.Equal(0, Tile(51).Row); // Murmansk, on the Barents Sea
    }

    [Fact]
    public void Crimea_and_Sevastopol_are_in_the_south_west_beside_each_other()
    {
        var crimea = Tile(91);
        var sevastopol = Tile(92);
        Assert.True(Touch(crimea, sevastopol));
        Assert.True(sevastopol.Row >= crimea.Row, "Sevastopol is at the south-western tip of Crimea.");
        Assert.All(new[] { crimea, sevastopol }, t => Assert.True(t.Row >= Grid.Rows - 3 && t.Column < Tile(23).Column, $"{t.Label} is not south-west of Krasnodar."));
    }

    [Theory]
    [InlineData(77, 50)] // Moscow inside Moscow oblast
    [InlineData(78, 47)] // Saint Petersburg inside Leningrad oblast
    [InlineData(1, 23)] // Adygea inside Krasnodar krai
    [InlineData(83, 29)] // the Nenets okrug, part of Arkhangelsk oblast
    [InlineData(89, 86)] // the Yamal and Khanty-Mansi okrugs …
    [InlineData(86, 72)] // … part of Tyumen oblast
    [InlineData(79, 28)] // the Jewish autonomous oblast beside Amur oblast
    [InlineData(25, 27)] // Primorye south of Khabarovsk krai
    [InlineData(87, 41)] // Chukotka above Kamchatka
    [InlineData(51, 10)] // Murmansk above Karelia
    [InlineData(20, 6)] // Chechnya beside Ingushetia
    [InlineData(16, 2)] // Tatarstan beside Bashkortostan
    [InlineData(93, 94)] // the Donetsk and Luhansk republics
    public void Neighbours_on_the_ground_are_neighbours_on_the_map(int a, int b)
    {
        Assert.True(Touch(Tile(a), Tile(b)), $"{Tile(a).Label} ({Tile(a).Row}, {Tile(a).Column}) and {Tile(b).Label} ({Tile(b).Row}, {Tile(b).Column}) do not touch.");
    }

    [Fact]
    public void Moscow_oblast_is_surrounded_by_its_neighbours()
    {
        // Tver, Smolensk, Kaluga, Tula, Ryazan, Vladimir and Yaroslavl border Moscow oblast; on the map each touches its square.
        Assert.All(new[] { 69, 67, 40, 71, 62, 33, 76 }, code => Assert.True(Touch(Tile(50), Tile(code)) || Touch(Tile(77), Tile(code)), Tile(code).Label));
    }

    [Fact]
    public void Each_federal_district_is_one_connected_patch_Kaliningrad_aside()
    {
        foreach (var district in Enum.GetValues<FederalDistrict>())
        {
            var tiles = Regions.All.Where(r => r.District == district && r.Code != 39).Select(r => Tile(r.Code)).ToList();
            var reached = new HashSet<RegionTile> { tiles[0] };
            var frontier = new Stack<RegionTile>(reached);
            while (frontier.TryPop(out var tile))
            {
                foreach (var next in tiles.Where(t => !reached.Contains(t) && Touch(t, tile)))
                {
                    reached.Add(next);
                    frontier.Push(next);
                }
            }

            Assert.True(reached.Count == tiles.Count, $"{district}: {string.Join(", ", tiles.Except(reached).Select(t => t.Label))} cut off.");
        }
    }

    [Fact]
    public void West_is_left_and_north_is_up_for_regions_far_apart()
    {
        Assert.True(Tile(78).Column < Tile(77).Column); // Saint Petersburg west of Moscow …
        Assert.True(Tile(78).Row < Tile(77).Row); // … and north of it
        Assert.True(Tile(77).Column < Tile(16).Column && Tile(16).Column < Tile(66).Column && Tile(66).Column < Tile(54).Column
            && Tile(54).Column < Tile(38).Column && Tile(38).Column < Tile(27).Column); // Moscow, Kazan, Yekaterinburg, Novosibirsk, Irkutsk, Khabarovsk
        Assert.True(Tile(23).Row > Tile(36).Row && Tile(36).Row > Tile(50).Row); // Krasnodar, Voronezh, Moscow from south to north
    }

    [Fact]
    public void A_tile_file_with_a_shared_cell_a_missing_subject_or_an_unknown_property_is_refused()
    {
        var good = Grid.Tiles.Select(t => $$"""{ "code": {{t.Code}}, "row": {{t.Row}}, "column": {{t.Column}}, "label": "{{t.Label}}" }""").ToList();
        static string File(IEnumerable<string> tiles, string extra = "") => $$"""{ "rows": 11, "columns": 18, {{extra}} "tiles": [{{string.Join(",", tiles)}}] }""";
        static RegionTileGrid Read(string json) => RegionTiles.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(89, Read(File(good)).Tiles.Count);
        Assert.Contains("share row", Assert.Throws<InvalidDataException>(() => Read(File(good.Skip(1).Append("""{ "code": 1, "row": 0, "column": 3, "label": "АДЫГ" }""")))).Message);
        Assert.Contains("no tile for subject(s) 1", Assert.Throws<InvalidDataException>(() => Read(File(good.Skip(1)))).Message);
        Assert.Contains("outside", Assert.Throws<InvalidDataException>(() => Read(File(good.Skip(1).Append("""{ "code": 1, "row": 11, "column": 0, "label": "АДЫГ" }""")))).Message);
        Assert.Contains("share the label", Assert.Throws<InvalidDataException>(() => Read(File(good.Skip(1).Append("""{ "code": 1, "row": 10, "column": 0, "label": "МСК" }""")))).Message);
        Assert.Throws<InvalidDataException>(() => Read(File(good, "\"colour\": 1,")));
    }
}
