using FederalSubjects = GosAnalytics.Core.Domain.Regions;

namespace GosAnalytics.Demo;

/// <summary>How many pages a region gets: <c>pages = round(anchorPages · (population ÷ population of anchorRegion)^exponent)</c>.</summary>
/// <param name="Exponent">Below 1 because institutions grow slower than population (docs/demo-data.md, "The synthetic country").</param>
internal sealed record DemoPageModel(int AnchorRegion, int AnchorPages, double Exponent);

/// <param name="Note">What the figure covers when it is not the whole subject of the same series.</param>
internal sealed record DemoSubjectPopulation(int Code, double PopulationThousands, string? Note = null);

/// <summary>The contents of <c>Data/country.json</c>: the population of every federal subject and the page-count model.</summary>
/// <param name="PopulationSource">Where the populations come from, as the docs cite it.</param>
internal sealed record DemoCountryFile(string PopulationSource, DemoPageModel PageModel, DemoSubjectPopulation[] Subjects)
{
    internal void Validate()
    {
        var codes = Subjects.Select(subject => subject.Code).ToArray();
        if (!codes.Order().SequenceEqual(FederalSubjects.All.Select(region => region.Code)))
        {
            throw new InvalidDataException("subjects must list every federal subject of Regions.All exactly once.");
        }

        if (Subjects.Any(subject => !(subject.PopulationThousands > 0)))
        {
            throw new InvalidDataException("every subject needs a positive population.");
        }

        if (!codes.Contains(PageModel.AnchorRegion) || PageModel.AnchorPages < 1 || !(PageModel.Exponent is > 0 and <= 1))
        {
            throw new InvalidDataException("pageModel needs a listed anchor region, at least one anchor page and an exponent in (0, 1].");
        }
    }
}

/// <summary>Realistic page counts of the federal subjects, from <c>Data/country.json</c>.</summary>
internal static class DemoCountry
{
    private static readonly Lazy<Dictionary<int, int>> LazyPageCounts = new(() =>
    {
        var file = DemoData.Country;
        var model = file.PageModel;
        var anchor = Array.Find(file.Subjects, subject => subject.Code == model.AnchorRegion)!.PopulationThousands;
        return file.Subjects.ToDictionary(
            subject => subject.Code,
            subject => Math.Max(1, (int)Math.Round(model.AnchorPages * Math.Pow(subject.PopulationThousands / anchor, model.Exponent), MidpointRounding.AwayFromZero)));
    });

    /// <summary>Pages of the subject at full share.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not a federal subject.</exception>
    public static int PageCount(int code) =>
        LazyPageCounts.Value.TryGetValue(code, out var pages)
            ? pages
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a code of a federal subject of Russia.");
}
