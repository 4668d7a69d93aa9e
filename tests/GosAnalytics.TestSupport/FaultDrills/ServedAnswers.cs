using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>
/// What the API serves after a run, as comparable text: every read route an analyst's screen or export uses (rankings of both periods,
/// the CSV export, regions, top posts and broadcasts, and the profiles of the first pages), with the moments a rerun cannot repeat —
/// when a run started or finished, when an answer was made — left out. Two runs of the same day that end alike serve equal answers.
/// </summary>
public sealed class ServedAnswers
{
    private static readonly string[] Routes =
    [
        "rankings?period=week&top=500",
        "rankings?period=month&top=500&sort=responsiveness",
        "rankings?period=week&top=500&format=csv",
        "regions?period=week",
        "posts/top?period=week&top=100",
        "broadcasts/top?period=week&top=100",
    ];

    /// <summary>Properties that say when something happened, not what was served.</summary>
    private static readonly HashSet<string> Moments = ["generatedAt", "startedAt", "completedAt", "finishedAt"];

    private const int Profiles = 5;

    private ServedAnswers(SortedDictionary<string, string> byRoute) => ByRoute = byRoute;

    /// <summary>Each route asked, with its status and canonical body.</summary>
    public IReadOnlyDictionary<string, string> ByRoute { get; }

    public static async Task<ServedAnswers> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var answers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in Routes)
        {
            answers[route] = await ReadAsync(http, route, cancellationToken);
        }

        // The profiles of the first pages of the ranking, and the first region's summary.
        using var ranking = JsonDocument.Parse(answers[Routes[0]][(answers[Routes[0]].IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        if (ranking.RootElement.TryGetProperty("items", out var items))
        {
            foreach (var item in items.EnumerateArray().Take(Profiles))
            {
                var route = $"pages/{item.GetProperty("platform").GetString()}/{item.GetProperty("pageId").GetString()}?period=week";
                answers[route] = await ReadAsync(http, route, cancellationToken);
            }

            if (items.GetArrayLength() > 0)
            {
                var route = $"regions/{items[0].GetProperty("regionCode").GetInt32()}?period=week";
                answers[route] = await ReadAsync(http, route, cancellationToken);
            }
        }

        return new ServedAnswers(answers);
    }

    /// <summary>Null when both serve the same; otherwise the first route that differs and where.</summary>
    public string? DifferenceFrom(ServedAnswers expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        foreach (var route in expected.ByRoute.Keys.Union(ByRoute.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.ByRoute.GetValueOrDefault(route);
            var got = ByRoute.GetValueOrDefault(route);
            if (want == got)
            {
                continue;
            }

            if (want is null || got is null)
            {
                return $"{route}: {(want is null ? "not asked of the clean run" : "not asked")}";
            }

            if (want[..3] != got[..3])
            {
                return $"{route} answered {got[..3]} instead of {want[..3]}: {Shorten(got[4..], 400)}";
            }

            var at = 0;
            while (at < Math.Min(want.Length, got.Length) && want[at] == got[at])
            {
                at++;
            }

            static string Around(string text, int at) => text.Substring(Math.Max(0, at - 60), Math.Min(text.Length, at + 60) - Math.Max(0, at - 60));
            return $"{route} differs at character {at}: expected …{Around(want, at)}… but served …{Around(got, at)}…";
        }

        return null;
    }

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>, with an ellipsis when cut (the drills' reports quote answers and errors).</summary>
    internal static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static async Task<string> ReadAsync(HttpClient http, string route, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(route, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json"))
        {
            return $"{status}\n{body}";
        }

        var node = JsonNode.Parse(body);
        WithoutMoments(node);
        return $"{status}\n{node?.ToJsonString()}";
    }

    private static void WithoutMoments(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(Moments.Contains).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    WithoutMoments(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutMoments(child);
                }

                break;
        }
    }
}
