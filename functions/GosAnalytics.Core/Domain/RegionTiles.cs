using System.Text.Json;
using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

/// <summary>One federal subject's square on the tile-grid map: its cell (row 0 is the north, column 0 the west) and a short Russian label.</summary>
public sealed record RegionTile(int Code, int Row, int Column, string Label);

/// <summary>The tile-grid map of Russia: <see cref="Rows"/> × <see cref="Columns"/> cells, one square per federal subject.</summary>
public sealed record RegionTileGrid(int Rows, int Columns, IReadOnlyList<RegionTile> Tiles);

/// <summary>
/// The tile-grid map of the 89 federal subjects (<c>Domain/Data/region-tiles.json</c>, embedded): each subject one square in its
/// approximate geographic place, as Russian media draw regional maps — Kaliningrad alone in the far west, Chukotka in the north-east
/// corner, Crimea and Sevastopol in the south-west, the Caucasus republics along the bottom; empty cells stand for seas and borders.
/// The file is read and checked once, on first use.
/// </summary>
public static class RegionTiles
{
    /// <summary>Longest label: a square on the map holds about five capital letters.</summary>
    public const int MaxLabelLength = 5;

    internal const string ResourceName = "GosAnalytics.Core.Domain.Data.region-tiles.json";

    private static readonly Lazy<RegionTileGrid> LazyGrid = new(Load);

    /// <summary>The grid and every subject's tile, ordered by subject code.</summary>
    public static RegionTileGrid Grid => LazyGrid.Value;

    /// <summary>Reads and checks a tile file; the embedded one goes through here too.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON of this shape, or breaks a rule of <see cref="Validate"/>.</exception>
    internal static RegionTileGrid Read(Stream json)
    {
        RegionTileGrid? grid;
        try
        {
            grid = JsonSerializer.Deserialize(json, RegionTilesJsonContext.Default.RegionTileGrid);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Region tiles: {e.Message}", e);
        }

        if (grid is null)
        {
            throw new InvalidDataException("Region tiles: the file is empty.");
        }

        Validate(grid);
        return grid with { Tiles = [.. grid.Tiles.OrderBy(t => t.Code)] };
    }

    /// <summary>Every subject of <see cref="Regions.All"/> has exactly one tile, inside the grid, in a cell of its own, with a label of its own.</summary>
    internal static void Validate(RegionTileGrid grid)
    {
        if (grid.Rows < 1 || grid.Columns < 1)
        {
            throw new InvalidDataException($"Region tiles: the grid must have rows and columns, it has {grid.Rows} × {grid.Columns}.");
        }

        var codes = new HashSet<int>();
        var cells = new Dictionary<(int, int), int>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tile in grid.Tiles)
        {
            if (!Regions.TryGet(tile.Code, out _))
            {
                throw new InvalidDataException($"Region tiles: {tile.Code} is not a code of a federal subject.");
            }

            if (!codes.Add(tile.Code))
            {
                throw new InvalidDataException($"Region tiles: subject {tile.Code} has more than one tile.");
            }

            if (tile.Row < 0 || tile.Row >= grid.Rows || tile.Column < 0 || tile.Column >= grid.Columns)
            {
                throw new InvalidDataException($"Region tiles: subject {tile.Code} at row {tile.Row}, column {tile.Column} is outside the {grid.Rows} × {grid.Columns} grid.");
            }

            if (!cells.TryAdd((tile.Row, tile.Column), tile.Code))
            {
                throw new InvalidDataException($"Region tiles: subjects {cells[(tile.Row, tile.Column)]} and {tile.Code} share row {tile.Row}, column {tile.Column}.");
            }

            if (string.IsNullOrWhiteSpace(tile.Label) || tile.Label.Length > MaxLabelLength)
            {
                throw new InvalidDataException($"Region tiles: the label of subject {tile.Code} must have 1–{MaxLabelLength} characters, it is «{tile.Label}».");
            }

            if (!labels.TryAdd(tile.Label, tile.Code))
            {
                throw new InvalidDataException($"Region tiles: subjects {labels[tile.Label]} and {tile.Code} share the label «{tile.Label}».");
            }
        }

        var missing = Regions.All.Where(r => !codes.Contains(r.Code)).Select(r => r.Code).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"Region tiles: no tile for subject(s) {string.Join(", ", missing)}.");
        }
    }

    private static RegionTileGrid Load()
    {
        using var stream = typeof(RegionTiles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The region tiles {ResourceName} are not embedded in {typeof(RegionTiles).Assembly.GetName().Name}.");
        return Read(stream);
    }
}

/// <summary>Reads the tile file strictly: camelCase names, every property required, unknown properties are errors (a typo fails loudly).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RegionTileGrid))]
internal sealed partial class RegionTilesJsonContext : JsonSerializerContext;
