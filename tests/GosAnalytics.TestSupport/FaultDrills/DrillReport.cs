using System.Globalization;
using System.Text;

namespace GosAnalytics.TestSupport.FaultDrills;

/// <summary>The drills' results as Markdown (docs/operations.md, "Fault drills"): tries, passed and failed per drill, then every try.</summary>
public sealed record DrillReport(DrillOptions Options, CleanRun Clean, IReadOnlyList<DrillResult> Results)
{
    public bool Passed => Results.All(r => r.Passed);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Demo region, {Clean.Pages:N0} pages in {Clean.Batches} batches (`Demo:SimulatedLatencyMs={Options.SimulatedLatencyMs}`); the clean run of {Clean.RunId} took {Clean.Duration.TotalSeconds:F1} s from its start to its end. Message lease {Options.MessageLease.TotalSeconds:F0} s, retry delay {Options.VisibilityTimeout.TotalSeconds:F0} s, seed {Options.Seed}.");
        text.AppendLine();
        text.AppendLine("| Drill | Tries | Passed | Failed | Mean time per try (s) |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var drill in Results.GroupBy(r => r.Drill))
        {
            text.AppendLine(invariant, $"| {drill.Key} | {drill.Count()} | {drill.Count(r => r.Passed)} | {drill.Count(r => !r.Passed)} | {drill.Average(r => r.Duration.TotalSeconds):F0} |");
        }

        text.AppendLine();
        text.AppendLine("| Try | Fault | Outcome |");
        text.AppendLine("|---|---|---|");
        foreach (var result in Results)
        {
            text.AppendLine(invariant, $"| {result.Drill} #{result.Try} | {Cell(result.Fault)} | {(result.Passed ? "" : "**failed**: ")}{Cell(result.Outcome)} |");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
