using System.Diagnostics;
using OpenTelemetry;

namespace GosAnalytics.Functions.Telemetry;

/// <summary>
/// Leaves every URL's query out of spans, incoming and outgoing: a function key travels in <c>?code=</c>, and a platform request
/// could carry a token there (VK's and OK's go in the POST body, but nothing should depend on that). The HTTP instrumentations
/// already replace query values with <c>Redacted</c> unless told otherwise by an environment variable; this holds whatever
/// those settings say. Paths and routes stay.
/// </summary>
internal sealed class UrlQueryRedaction : BaseProcessor<Activity>
{
    /// <summary>Tags that hold a URL, or a path, with its query (current and older semantic conventions).</summary>
    private static readonly string[] UrlTags = ["url.full", "http.url", "http.target"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url && WithoutQuery(url) is { } stripped)
            {
                data.SetTag(tag, stripped);
            }
        }

        // The query alone.
        if (data.GetTagItem("url.query") is not null)
        {
            data.SetTag("url.query", null);
        }
    }

    /// <summary>The text before its <c>?</c> (and any <c>#</c>), or null when it has neither.</summary>
    internal static string? WithoutQuery(string url)
    {
        var end = url.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? null : url[..end];
    }
}
