using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>The kind of place a page belongs to: where its name, place line, hashtag and phone code come from.</summary>
internal enum DemoPlaceKind
{
    Region,
    Capital,
    Town,
    District,
    Village,
}

internal sealed record DemoPlatformShare(Platform Platform, double Weight);

internal sealed record DemoSubtypeShare(DemoSubtype Subtype, double Weight);

/// <summary>Share of a kind among drawn pages, and the shares of its subtypes within it.</summary>
internal sealed record DemoKindShare(OrganisationKind Kind, double Weight, DemoSubtypeShare[] Subtypes);

/// <summary>What a subtype of organisation is and how big and active its pages are (docs/demo-data.md, "Pages").</summary>
internal sealed record DemoSubtypeProfile(
    OrganisationKind Kind,
    DemoTopicGroup Topic,
    DemoTopicGroup SecondaryTopic,
    double AudienceMedian,
    double AudienceSigma,
    double PostsPerWeek,
    double BroadcastsPer30Days,
    double BroadcastViewsPerSubscriber);

/// <summary>Effects of the kind of organisation on reach, interactions, replies, the government label and text styles.</summary>
internal sealed record DemoKindProfile(
    double Reach,
    double Likes,
    double Reposts,
    double Comments,
    double Reply,
    double LabelBase,
    double BureaucraticBias,
    double GoodBias,
    double RepostBias);

/// <summary>
/// One way to name a page of a subtype: title, screen-name slug and venue are templates over the drawn place
/// (<see cref="DemoOrganisations.NamePlaceholders"/>). Which form is drawn, and when the alternatives are used, is up to
/// <see cref="DemoCatalog"/>; forms drawn from a list are drawn in proportion to <see cref="Weight"/>.
/// </summary>
/// <param name="Venue">Where its events happen, prepositional with «в»: «в нашей школе»; empty when the page has no venue.</param>
/// <param name="NumberUpTo">When set, {n} is drawn from 1 to this number once the form is chosen.</param>
internal sealed record DemoNameForm(
    DemoPlaceKind Place,
    string Title,
    string Slug,
    string Venue = "",
    int Weight = 1,
    string? AlternativeTitle = null,
    string? AlternativeVenue = null,
    string? Speaker = null,
    int? NumberUpTo = null);

/// <param name="Name">Genitive, after «Министерство»: «здравоохранения».</param>
internal sealed record DemoMinistry(string Name, string Slug, DemoTopicGroup Topic);

/// <summary>A name and its latin slug: «Солнышко», «solnyshko».</summary>
internal sealed record DemoNamed(string Name, string Slug);

/// <summary>
/// A fixed regional page. Either a <see cref="Ministry"/> by slug (named like any ministry; OK and Telegram pages add _ok or _tg
/// to the slug), or a page with its own subtype, place and name templates (<see cref="DemoOrganisations.RegionPlaceholders"/>);
/// the optional numbers replace the subtype's profile.
/// </summary>
internal sealed record DemoAnchor(
    Platform Platform,
    string? Ministry = null,
    DemoSubtype? Subtype = null,
    DemoPlaceKind Place = DemoPlaceKind.Region,
    string? Title = null,
    string? Slug = null,
    string Venue = "",
    string? Speaker = null,
    double? AudienceMedian = null,
    double? PostsPerWeek = null,
    double? BroadcastsPer30Days = null);

/// <summary>The contents of <c>Data/organisations.json</c>, loaded once by <see cref="DemoData"/>.</summary>
/// <param name="Platforms">Shares of the platforms among drawn pages, in the order the weights are drawn.</param>
/// <param name="Names">Name forms of every subtype a drawn page can have.</param>
/// <param name="CollegeKinds">«колледж», then «техникум».</param>
/// <param name="SecondPageNote">Added to a title when every name of its kind is taken on the platform.</param>
/// <param name="Anchors">The fixed regional pages, in the order they take the anchor slots.</param>
internal sealed record DemoOrganisations(
    DemoPlatformShare[] Platforms,
    DemoKindShare[] Kinds,
    IReadOnlyDictionary<OrganisationKind, DemoKindProfile> KindProfiles,
    IReadOnlyDictionary<DemoSubtype, DemoSubtypeProfile> SubtypeProfiles,
    IReadOnlyDictionary<DemoSubtype, DemoNameForm[]> Names,
    DemoMinistry[] Ministries,
    DemoNamed[] CollegeProfiles,
    DemoNamed[] CollegeKinds,
    DemoNamed[] KindergartenNames,
    DemoNamed[] SportNames,
    string SecondPageNote,
    DemoAnchor[] Anchors)
{
    /// <summary>Placeholders of the region, usable in every name template.</summary>
    public static readonly IReadOnlySet<string> RegionPlaceholders = new HashSet<string>(
        [
            "region.genitive", "region.prepositional", "region.slug", "region.suffix", "region.feminine", "region.masculine", "region.leader",
            "region.legislature", "region.ministry", "capital.genitive", "capital.slug",
        ],
        StringComparer.Ordinal);

    /// <summary>Placeholders of name forms: the region's and those of what <see cref="DemoCatalog"/> draws for the page.</summary>
    public static readonly IReadOnlySet<string> NamePlaceholders = new HashSet<string>(
        [
            .. RegionPlaceholders, "town.genitive", "town.adjective", "town.slug", "district.adjective", "district.genitive", "district.dative",
            "district.feminine", "district.neuter", "district.slug", "village.name", "village.slug", "n", "name", "name.slug", "kind", "kind.slug",
            "adjective",
        ],
        StringComparer.Ordinal);

    public DemoMinistry Ministry(string slug) =>
        Array.Find(Ministries, ministry => ministry.Slug == slug) ?? throw new InvalidDataException($"No ministry «{slug}» in organisations.json.");

    internal void Validate()
    {
        DemoData.RequireEvery(KindProfiles, "kindProfiles");
        DemoData.RequireEvery(SubtypeProfiles, "subtypeProfiles");
        DemoData.RequireItems(Platforms, "platforms");
        DemoData.RequireItems(Kinds, "kinds");
        DemoData.RequireItems(Ministries, "ministries");
        DemoData.RequireItems(CollegeProfiles, "collegeProfiles");
        DemoData.RequireItems(CollegeKinds, "collegeKinds", 2);
        DemoData.RequireItems(KindergartenNames, "kindergartenNames");
        DemoData.RequireItems(SportNames, "sportNames");
        foreach (var kind in Kinds)
        {
            DemoData.RequireItems(kind.Subtypes, $"kinds.{kind.Kind}.subtypes");
            foreach (var share in kind.Subtypes)
            {
                if (!Names.TryGetValue(share.Subtype, out var forms) || forms.Length == 0)
                {
                    throw new InvalidDataException($"Subtype {share.Subtype} can be drawn but has no names.");
                }
            }
        }

        foreach (var (subtype, forms) in Names)
        {
            foreach (var form in forms)
            {
                if (form.Weight < 1 || form.NumberUpTo < 1)
                {
                    throw new InvalidDataException($"names.{subtype}: weights and numberUpTo start at 1 («{form.Title}»).");
                }

                string?[] templates = [form.Title, form.Slug, form.Venue, form.AlternativeTitle, form.AlternativeVenue, form.Speaker];
                foreach (var template in templates.OfType<string>())
                {
                    DemoData.RequirePlaceholders(template, NamePlaceholders, $"names.{subtype}");
                }
            }
        }

        foreach (var anchor in Anchors)
        {
            if (anchor.Ministry is { } ministry)
            {
                Ministry(ministry);
                continue;
            }

            if (anchor.Subtype is null || anchor.Title is null || anchor.Slug is null || anchor.Place is not (DemoPlaceKind.Region or DemoPlaceKind.Capital))
            {
                throw new InvalidDataException($"Anchor «{anchor.Title}» needs a ministry, or a subtype, title and slug in the region or its capital.");
            }

            foreach (var template in new[] { anchor.Title, anchor.Slug, anchor.Venue, anchor.Speaker ?? "" })
            {
                DemoData.RequirePlaceholders(template, RegionPlaceholders, "anchors");
            }
        }
    }
}
