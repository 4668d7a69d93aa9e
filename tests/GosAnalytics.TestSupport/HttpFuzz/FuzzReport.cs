using System.Globalization;
using System.Text;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>What a fuzz run saw: answers by status, by route and by kind of request; every broken rule; what the host logged.</summary>
public sealed class FuzzReport(int seed)
{
    /// <summary>The status column of requests that end the connection themselves (aborted uploads): no answer is expected.</summary>
    public const string AbortedStatus = "aborted";

    private const int ViolationsKept = 50;
    private readonly object gate = new();
    private readonly List<string> violations = [];
    private int violationCount;
    private int serverErrors;
    private int expectedServerStatuses;

    public int Seed { get; } = seed;

    /// <summary>The routes of the OpenAPI document the requests were made from.</summary>
    public IReadOnlyList<string> Routes { get; set; } = [];

    public int Requests { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public SortedDictionary<string, int> ByStatus { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, SortedDictionary<string, int>> ByRoute { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> ByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>The first broken rules, each with the request that broke it.</summary>
    public IReadOnlyList<string> Violations => violations;

    public int ViolationCount
    {
        get
        {
            lock (gate)
            {
                return violationCount;
            }
        }
    }

    /// <summary>Lines of the host's log with a stack trace, an error or a critical entry.</summary>
    public List<string> LogFindings { get; } = [];

    public int LogWarnings { get; private set; }

    /// <summary>Answers 5xx that the request did not call for (a 505 to a request line of HTTP/9.9 is the one that is right).</summary>
    public int ServerErrors
    {
        get
        {
            lock (gate)
            {
                return serverErrors;
            }
        }
    }

    public bool Passed => ViolationCount == 0 && LogFindings.Count == 0;

    public void Add(FuzzRequest request, FuzzResponse response, IReadOnlyList<string> broken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(broken);
        var status = request.Aborts ? AbortedStatus : response.Status == 0 ? "no answer" : response.Status.ToString(CultureInfo.InvariantCulture);
        lock (gate)
        {
            Requests++;
            if (response.Status >= 500 && !request.Aborts)
            {
                if (request.Expected.Contains(response.Status))
                {
                    expectedServerStatuses++;
                }
                else
                {
                    serverErrors++;
                }
            }

            Increment(ByStatus, status);
            Increment(ByKind, request.Kind);
            if (!ByRoute.TryGetValue(request.Route, out var route))
            {
                ByRoute[request.Route] = route = new(StringComparer.Ordinal);
            }

            Increment(route, status);
            violationCount += broken.Count;
            foreach (var problem in broken.Take(ViolationsKept - violations.Count))
            {
                violations.Add($"{request.Describe()}: {problem}");
            }
        }
    }

    /// <summary>Reads the host's log: warnings are counted, stack traces and errors are findings.</summary>
    public void ReadLog(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        foreach (var line in log.Split('\n'))
        {
            if (FuzzChecks.IsStackTrace(line) || line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal)
                || line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
            {
                if (LogFindings.Count < ViolationsKept)
                {
                    LogFindings.Add(FuzzRequest.Shorten(line.TrimEnd('\r'), 400));
                }
            }
            else if (line.Contains(" warn: ", StringComparison.Ordinal) || line.StartsWith("warn: ", StringComparison.Ordinal))
            {
                LogWarnings++;
            }
        }
    }

    /// <summary>The figures as Markdown tables, for docs/operations.md.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var statuses = ByStatus.Keys.OrderBy(s => s == AbortedStatus ? 1 : 0).ThenBy(s => s, StringComparer.Ordinal).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Requests:N0} requests, seed {Seed}, in {Elapsed.TotalSeconds:N0} s: {ServerErrors} × 5xx (besides {expectedServerStatuses} × 505 to request lines of HTTP/9.9, as RFC 9110 requires), {ViolationCount} broken rules, {LogFindings.Count} stack traces or errors in the host's log ({LogWarnings} warnings).");
        text.AppendLine();
        text.AppendLine("| Route | " + string.Join(" | ", statuses) + " | All |");
        text.AppendLine("|---|" + string.Concat(statuses.Select(_ => "---:|")) + "---:|");
        foreach (var (route, counts) in ByRoute.OrderBy(r => r.Key.StartsWith('(') ? 1 : 0).ThenBy(r => r.Key.Split(' ', 2)[^1], StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{route}` | {string.Join(" | ", statuses.Select(s => counts.TryGetValue(s, out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : ""))} | {counts.Values.Sum():N0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **All** | {string.Join(" | ", statuses.Select(s => $"**{ByStatus[s]:N0}**"))} | **{Requests:N0}** |");
        text.AppendLine();
        text.AppendLine("| Kind of request | Requests |");
        text.AppendLine("|---|---:|");
        foreach (var (kind, count) in ByKind.OrderByDescending(k => k.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {count:N0} |");
        }

        foreach (var (title, lines) in new[] { ("Broken rules", violations), ("Host log findings", LogFindings) })
        {
            if (lines.Count > 0)
            {
                text.AppendLine().AppendLine(title + ":");
                foreach (var line in lines)
                {
                    text.AppendLine("- " + line);
                }
            }
        }

        return text.ToString();
    }

    private static void Increment(IDictionary<string, int> counts, string key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
