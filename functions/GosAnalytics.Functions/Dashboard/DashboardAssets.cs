using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.Functions.Dashboard;

/// <summary>
/// The analysts' page and the OpenAPI document, embedded in this assembly (<c>Dashboard/*</c>) and composed once per process.
/// The page is one self-contained document: its stylesheets and scripts (the shared part, one per view, and the chart library uPlot,
/// embedded from node_modules as <c>uplot.js</c> and <c>uplot.css</c>) are inlined, and the reference lists it needs
/// (kinds of organisation, platforms, periods, sort keys, limits, regions with their federal districts and tile-map squares) come
/// from the same code that validates the API's queries.
/// </summary>
internal static class DashboardAssets
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private const string ReferenceDataMarker = "{{REFERENCE_DATA}}";

    // The page names its parts as ordinary tags; each is replaced by the embedded file's content, inline.
    private static readonly Regex StylesheetTag = new("""<link rel="stylesheet" href="(?<file>[\w.-]+)">""", RegexOptions.CultureInvariant);
    private static readonly Regex ScriptTag = new("""<script src="(?<file>[\w.-]+)"></script>""", RegexOptions.CultureInvariant);

    private static readonly Lazy<DashboardPage> Page = new(ComposePage);
    private static readonly Lazy<string> OpenApiDocument = new(() => ReadResource("openapi.json"));

    /// <summary>The composed page with the Content-Security-Policy that admits exactly its inline scripts and styles.</summary>
    public static DashboardPage Dashboard => Page.Value;

    /// <summary>The hand-written OpenAPI 3.1 document of the HTTP API.</summary>
    public static string OpenApi => OpenApiDocument.Value;

    private static DashboardPage ComposePage()
    {
        var html = ReadResource("dashboard.html");

        // System.Text.Json's default encoder escapes <, > and &, so the data block cannot end its <script> element early.
        var reference = JsonSerializer.Serialize(new
        {
            platforms = EnumCodes.AllCodes<Platform>(),
            periods = EnumCodes.AllCodes<Period>(),
            kinds = Enum.GetValues<OrganisationKind>().Select(kind => new { code = kind.ToCode(), name = kind.RussianName() }),
            regions = Regions.All.Select(region => new { code = region.Code, name = region.RussianName, district = region.District.ToCode() }),
            districts = Enum.GetValues<FederalDistrict>().Select(district => new { code = district.ToCode(), name = district.RussianName() }),
            tiles = new
            {
                rows = RegionTiles.Grid.Rows,
                columns = RegionTiles.Grid.Columns,
                items = RegionTiles.Grid.Tiles.Select(tile => new { code = tile.Code, row = tile.Row, column = tile.Column, label = tile.Label }),
            },
            components = IndexComponents.All,
            sortKeys = RankingQuery.SortKeys,
            defaultTop = RankingQuery.DefaultTop,
            maxTop = RankingQuery.MaxTop,
            maxHistoryDays = HistoryLimits.MaxDays,
            demoNotice = Storage.Contracts.RunStamp.DemoNotice,
        });

        var styleHashes = new List<string>();
        var scriptHashes = new List<string>();
        html = Inline(html, StylesheetTag, "</style", "style", styleHashes);
        html = Inline(html, ScriptTag, "</script", "script", scriptHashes);
        html = ReplaceOnce(html, ReferenceDataMarker, reference);

        var policy = string.Join("; ",
            "default-src 'none'",
            $"script-src {string.Join(' ', scriptHashes)}",
            $"style-src {string.Join(' ', styleHashes)}",
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
        return new DashboardPage(html, policy);
    }

    /// <summary>Replaces every tag <paramref name="tag"/> matches by an inline element holding the embedded file, and collects its hash.</summary>
    private static string Inline(string html, Regex tag, string closingTag, string element, List<string> hashes) => tag.Replace(html, match =>
    {
        var file = match.Groups["file"].Value;
        var content = ReadResource(file);
        if (content.Contains(closingTag, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The dashboard's {file} contains '{closingTag}' and cannot be inlined.");
        }

        var hash = $"'{Sha256(content)}'";
        if (!hashes.Contains(hash, StringComparer.Ordinal))
        {
            hashes.Add(hash);
        }

        return $"<{element}>{content}</{element}>";
    });

    private static string ReplaceOnce(string text, string marker, string replacement)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"dashboard.html must contain '{marker}' exactly once.");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + marker.Length));
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string ReadResource(string fileName)
    {
        var name = "Dashboard/" + fileName;
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(DashboardAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>The dashboard document and the headers it is served with.</summary>
internal sealed record DashboardPage(string Html, string ContentSecurityPolicy)
{
    public void WriteHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
    }
}
