using GosAnalytics.Pipeline.Domain;
using GosAnalytics.Pipeline.Rankings;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.Pipeline.Serving;

public enum ResponseFormat
{
    Json,
    Csv,
}

/// <summary>The filters and paging of <c>GET /api/rankings</c>.</summary>
public sealed record RankingQuery(
    int? Region,
    Platform? Platform,
    OrganisationKind? Kind,
    Period Period,
    string Sort,
    int Top,
    int Skip,
    ResponseFormat Format)
{
    public const int MaxTop = 500;
    public const int DefaultTop = 50;
    public const int MaxSkip = 1_000_000;
    public const string SortByIndex = "index";

    public static IReadOnlyList<string> SortKeys { get; } = [SortByIndex, .. IndexComponents.All];

    public static RankingQuery Parse(IQueryCollection query, ParameterErrors errors)
    {
        var region = QueryParameters.Region(query, "region", errors);
        var platform = QueryParameters.Choice<Platform>(query, "platform", PlatformCodes.TryParse, PlatformCodes.All, errors);
        var kind = QueryParameters.Choice<OrganisationKind>(query, "kind", OrganisationKinds.TryParse, OrganisationKinds.AllCodes, errors);
        var period = QueryParameters.Choice<Period>(query, "period", Periods.TryParse, Periods.AllCodes, errors) ?? Period.Week;

        var sort = QueryParameters.Single(query, "sort", errors) ?? SortByIndex;
        var sortKey = SortKeys.FirstOrDefault(key => string.Equals(key, sort, StringComparison.OrdinalIgnoreCase));
        if (sortKey is null)
        {
            errors.Add("sort", $"Parameter 'sort' must be one of {string.Join(", ", SortKeys)}; got '{QueryParameters.Truncate(sort)}'.");
        }

        var top = QueryParameters.Integer(query, "top", DefaultTop, 1, MaxTop, errors);
        var skip = QueryParameters.Integer(query, "skip", 0, 0, MaxSkip, errors);
        var format = QueryParameters.Choice<ResponseFormat>(query, "format", TryParseFormat, ["json", "csv"], errors) ?? ResponseFormat.Json;
        return new RankingQuery(region, platform, kind, period, sortKey ?? SortByIndex, top, skip, format);
    }

    private static bool TryParseFormat(string text, out ResponseFormat format)
    {
        switch (text.ToLowerInvariant())
        {
            case "json": format = ResponseFormat.Json; return true;
            case "csv": format = ResponseFormat.Csv; return true;
            default: format = default; return false;
        }
    }
}
