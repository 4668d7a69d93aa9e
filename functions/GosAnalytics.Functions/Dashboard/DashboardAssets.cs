using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Scoring;
using GosAnalytics.Pipeline.Serve;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.Functions.Dashboard;

/// <summary>
/// The analysts' page and the OpenAPI document, embedded in this assembly (<c>Dashboard/*</c>) and composed once per process.
/// The page is one self-contained document: its stylesheet and script are inlined, and the reference lists it needs
/// (kinds of organisation, platforms, periods, sort keys, limits) come from the same code that validates the API's queries.
/// </summary>
internal static class DashboardAssets
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private const string StylesheetTag = "<link rel=\"stylesheet\" href=\"dashboard.css\">";
    private const string ScriptTag = "<script src=\"dashboard.js\"></script>";
    private const string ReferenceDataMarker = "{{REFERENCE_DATA}}";

    private static readonly Lazy<DashboardPage> Page = new(ComposePage);
    private static readonly Lazy<string> OpenApiDocument = new(() => ReadResource("openapi.json"));

    /// <summary>The composed page with the Content-Security-Policy that admits exactly its inline script and style.</summary>
    public static DashboardPage Dashboard => Page.Value;

    /// <summary>The hand-written OpenAPI 3.1 document of the HTTP API.</summary>
    public static string OpenApi => OpenApiDocument.Value;

    private static DashboardPage ComposePage()
    {
        var html = ReadResource("dashboard.html");
        var css = ReadResource("dashboard.css");
        var js = ReadResource("dashboard.js");
        if (css.Contains("</style", StringComparison.OrdinalIgnoreCase) || js.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The dashboard's stylesheet or script contains a closing tag and cannot be inlined.");
        }

        // System.Text.Json's default encoder escapes <, > and &, so the data block cannot end its <script> element early.
        var reference = JsonSerializer.Serialize(new
        {
            platforms = EnumCodes.AllCodes<Platform>(),
            periods = EnumCodes.AllCodes<Period>(),
            kinds = Enum.GetValues<OrganisationKind>().Select(kind => new { code = kind.ToCode(), name = kind.RussianName() }),
            regions = Regions.All.Select(region => new { code = region.Code, name = region.RussianName }),
            components = IndexComponents.All,
            sortKeys = RankingQuery.SortKeys,
            defaultTop = RankingQuery.DefaultTop,
            maxTop = RankingQuery.MaxTop,
        });

        html = ReplaceOnce(html, StylesheetTag, $"<style>{css}</style>");
        html = ReplaceOnce(html, ScriptTag, $"<script>{js}</script>");
        html = ReplaceOnce(html, ReferenceDataMarker, reference);

        var policy = string.Join("; ",
            "default-src 'none'",
            $"script-src '{Sha256(js)}'",
            $"style-src '{Sha256(css)}'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
        return new DashboardPage(html, policy);
    }

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
