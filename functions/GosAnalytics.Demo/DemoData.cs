using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GosAnalytics.Demo;

/// <summary>
/// The data files of the demo regions (<c>Data/*.json</c>, embedded in the assembly): word lists, places, organisations and
/// the population behind the synthetic country's page counts.
/// Each file is read, deserialised and checked once, on first use; the objects are immutable after that and shared by every
/// <see cref="DemoPageSource"/>. The order of every list matters: random draws index into it.
/// </summary>
internal static class DemoData
{
    public const string ResourcePrefix = "GosAnalytics.Demo.Data.";

    private static readonly Lazy<DemoVocabulary> LazyVocabulary =
        new(() => Load("vocabulary.json", DemoDataJsonContext.Default.DemoVocabulary, vocabulary => vocabulary.Validate()));

    private static readonly Lazy<DemoRegionsFile> LazyRegions =
        new(() => Load("regions.json", DemoDataJsonContext.Default.DemoRegionsFile, regions => regions.Validate()));

    private static readonly Lazy<DemoOrganisations> LazyOrganisations =
        new(() => Load("organisations.json", DemoDataJsonContext.Default.DemoOrganisations, organisations => organisations.Validate()));

    private static readonly Lazy<DemoCountryFile> LazyCountry =
        new(() => Load("country.json", DemoDataJsonContext.Default.DemoCountryFile, country => country.Validate()));

    /// <summary>Pools of the post texts (<c>Data/vocabulary.json</c>).</summary>
    public static DemoVocabulary Vocabulary => LazyVocabulary.Value;

    /// <summary>Regions, towns, districts and villages (<c>Data/regions.json</c>).</summary>
    public static DemoRegionsFile Regions => LazyRegions.Value;

    /// <summary>Kinds of organisation, their parameters and names, and the fixed regional pages (<c>Data/organisations.json</c>).</summary>
    public static DemoOrganisations Organisations => LazyOrganisations.Value;

    /// <summary>Population of every federal subject and the page-count model of the synthetic country (<c>Data/country.json</c>).</summary>
    public static DemoCountryFile Country => LazyCountry.Value;

    private static T Load<T>(string file, JsonTypeInfo<T> typeInfo, Action<T> validate)
    {
        var name = ResourcePrefix + file;
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo data file {name} is not embedded in {typeof(DemoData).Assembly.GetName().Name}.");
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(stream, typeInfo);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Demo data file {file}: {e.Message}", e);
        }

        if (value is null)
        {
            throw new InvalidDataException($"Demo data file {file} is empty.");
        }

        try
        {
            validate(value);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Demo data file {file}: {e.Message}", e);
        }

        return value;
    }

    /// <summary>Throws when <paramref name="entries"/> lacks a value of <typeparamref name="TEnum"/>.</summary>
    public static void RequireEvery<TEnum, T>(IReadOnlyDictionary<TEnum, T> entries, string what)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (!entries.ContainsKey(value))
            {
                throw new InvalidDataException($"{what} has no entry for {value}.");
            }
        }
    }

    public static void RequireItems<T>(T[] items, string what, int minimum = 1)
    {
        if (items.Length < minimum)
        {
            throw new InvalidDataException($"{what} needs at least {minimum} item(s), it has {items.Length}.");
        }
    }

    /// <summary>The <c>{placeholder}</c> names in a template, in order.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        var start = 0;
        while (true)
        {
            var open = template.IndexOf('{', start);
            if (open < 0)
            {
                yield break;
            }

            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new InvalidDataException($"Unclosed placeholder in «{template}».");
            }

            yield return template[(open + 1)..close];
            start = close + 1;
        }
    }

    /// <summary>Throws when a template uses a placeholder outside <paramref name="known"/>.</summary>
    public static void RequirePlaceholders(string template, IReadOnlySet<string> known, string what)
    {
        foreach (var placeholder in Placeholders(template))
        {
            if (!known.Contains(placeholder))
            {
                throw new InvalidDataException($"{what}: unknown placeholder {{{placeholder}}} in «{template}».");
            }
        }
    }
}

/// <summary>
/// Reads the data files strictly: names are camelCase, enums are written by name, every constructor parameter without a
/// default is required, nulls only where the record allows them and unknown properties are errors (a typo fails loudly).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DemoVocabulary))]
[JsonSerializable(typeof(DemoRegionsFile))]
[JsonSerializable(typeof(DemoOrganisations))]
[JsonSerializable(typeof(DemoCountryFile))]
internal sealed partial class DemoDataJsonContext : JsonSerializerContext;
