using System.Globalization;
using FederalSubjects = GosAnalytics.Core.Domain.Regions;

namespace GosAnalytics.Demo;

/// <summary>
/// Settings of the generated demo regions (configuration section <c>Demo</c>, app settings <c>Demo__*</c>): one region
/// by default, or the synthetic country (docs/demo-data.md, "The synthetic country").
/// </summary>
public sealed record DemoSourceOptions
{
    public const string SectionName = "Demo";

    /// <summary>The value of <see cref="Regions"/> that asks for every federal subject.</summary>
    public const string AllRegions = "all";

    /// <summary>Subject code of the generated region when <see cref="Regions"/> is unset; 28 (Amur oblast) has real place names.</summary>
    public int RegionCode { get; init; } = 28;

    /// <summary>Pages in the region when <see cref="Regions"/> is unset (Amur oblast runs 1,188); ignored for several regions.</summary>
    public int PageCount { get; init; } = 1188;

    /// <summary>Root of every random draw: the same seed always yields the same region.</summary>
    public int Seed { get; init; } = 20221201;

    /// <summary>When above zero, each <see cref="DemoPageSource.CollectAsync"/> call waits this long once, imitating a platform call.</summary>
    public int SimulatedLatencyMs { get; init; }

    /// <summary>
    /// Unset or empty: the one region <see cref="RegionCode"/> with <see cref="PageCount"/> pages. <c>all</c>: every federal
    /// subject; or a comma-separated list of subject codes (<c>28,77,50</c>). Several regions get their realistic page counts.
    /// </summary>
    public string? Regions { get; init; }

    /// <summary>Share of every region's page count to generate (0 &lt; share ≤ 1): each region keeps a prefix of its pages, at least one.</summary>
    public double PageShare { get; init; } = 1;

    /// <summary>True when <see cref="Regions"/> names the regions (several regions, realistic counts) rather than leaving it to <see cref="RegionCode"/>.</summary>
    internal bool NamesRegions => !string.IsNullOrWhiteSpace(Regions);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for the first bad setting, naming it.</summary>
    internal void Validate()
    {
        if (Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentOutOfRangeException(problem.Setting, problem.Value, problem.Message);
        }
    }

    /// <summary>Every bad setting, each with its name (<c>Demo:Regions</c>) in the message.</summary>
    internal IEnumerable<DemoSettingProblem> Problems()
    {
        if (!NamesRegions && RegionCode is < 1 or > 99)
        {
            yield return new(nameof(RegionCode), RegionCode, "Demo:RegionCode must be between 1 and 99.");
        }

        if (!NamesRegions && PageCount is < 1 or > 200_000)
        {
            yield return new(nameof(PageCount), PageCount, "Demo:PageCount must be between 1 and 200,000.");
        }

        if (SimulatedLatencyMs < 0)
        {
            yield return new(nameof(SimulatedLatencyMs), SimulatedLatencyMs, "Demo:SimulatedLatencyMs cannot be negative.");
        }

        if (!(PageShare > 0 && PageShare <= 1))
        {
            yield return new(nameof(PageShare), PageShare, "Demo:PageShare must be above 0 and at most 1 (1 = every page).");
        }

        if (NamesRegions && ParseRegions(out var problem) is null)
        {
            yield return new(nameof(Regions), Regions, problem);
        }
    }

    /// <summary>The regions to generate, ascending, with the page count of each (after <see cref="PageShare"/>).</summary>
    internal IReadOnlyList<DemoRegionPlan> Plan()
    {
        Validate();
        if (!NamesRegions)
        {
            return [new DemoRegionPlan(RegionCode, Share(PageCount))];
        }

        return ParseRegions(out _)!.Select(code => new DemoRegionPlan(code, Share(DemoCountry.PageCount(code)))).ToArray();
    }

    private int Share(int pages) => Math.Max(1, (int)Math.Round(pages * PageShare, MidpointRounding.AwayFromZero));

    /// <summary>The codes <see cref="Regions"/> names, ascending; null with the reason when it names none well.</summary>
    private int[]? ParseRegions(out string problem)
    {
        problem = "";
        var text = Regions!.Trim();
        if (string.Equals(text, AllRegions, StringComparison.OrdinalIgnoreCase))
        {
            return [.. FederalSubjects.All.Select(region => region.Code)];
        }

        var codes = new SortedSet<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!FederalSubjects.TryParseCode(item, out var code))
            {
                problem = $"Demo:Regions must be '{AllRegions}' or a comma-separated list of federal subject codes (e.g. 28,77,50); '{item}' is not a subject code.";
                return null;
            }

            if (!codes.Add(code))
            {
                problem = $"Demo:Regions names subject {code.ToString(CultureInfo.InvariantCulture)} twice.";
                return null;
            }
        }

        return [.. codes];
    }
}

/// <summary>A bad demo setting: its property name, its value and a message that names the setting.</summary>
internal sealed record DemoSettingProblem(string Setting, object? Value, string Message);

/// <summary>One region to generate and how many pages it gets.</summary>
internal sealed record DemoRegionPlan(int Code, int PageCount);
