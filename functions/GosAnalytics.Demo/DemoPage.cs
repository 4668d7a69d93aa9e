using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>Finer kind of organisation than <see cref="OrganisationKind"/>: drives titles, audience, posting and broadcasts.</summary>
internal enum DemoSubtype
{
    Governor,
    Government,
    Legislature,
    Ministry,
    RegionalAgency,
    CityAdministration,
    CityHead,
    DistrictAdministration,
    MunicipalHead,
    Council,
    Settlement,
    School,
    Kindergarten,
    College,
    ExtraEducation,
    EducationOffice,
    Library,
    HouseOfCulture,
    Museum,
    Theatre,
    CultureCentre,
    Hospital,
    Polyclinic,
    HealthCentre,
    SocialService,
    SocialOffice,
    EmploymentCentre,
    SportSchool,
    SportComplex,
    GtoCentre,
    YouthCentre,
    YouthCouncil,
    Utility,
    Mfc,
    OtherBody,
}

/// <summary>
/// One page of the demo region: what the platform shows (title, screen name, flags) and the hidden parameters that drive
/// everything it publishes. Immutable after the catalogue is built.
/// </summary>
internal sealed class DemoPage
{
    public required int Index { get; init; }

    public required ulong Seed { get; init; }

    public required RegisteredPage Registered { get; init; }

    public required string Title { get; init; }

    public required DemoSubtype Subtype { get; init; }

    public required DemoTopicGroup Topic { get; init; }

    public required DemoTopicGroup SecondaryTopic { get; init; }

    /// <summary>Where its events happen, prepositional with «в»: «в нашей школе». Empty when the page has no venue.</summary>
    public required string Venue { get; init; }

    /// <summary>«с. Чигири», «города Благовещенска»: after «на территории».</summary>
    public required string PlaceGenitive { get; init; }

    public required string PlaceHashtag { get; init; }

    /// <summary>Genitive of the administration that issues its documents: «Тамбовского муниципального округа».</summary>
    public required string AdminGenitive { get; init; }

    public required string PhoneCode { get; init; }

    /// <summary>Who is quoted on the page, when it is always the same person (the governor).</summary>
    public string? Speaker { get; init; }

    // Hidden truth: never written into snapshots.

    /// <summary>How well the page is run, standard normal.</summary>
    public required double Quality { get; init; }

    public required bool IsDead { get; init; }

    public required double PostsPerWeek { get; init; }

    public required double DormantWeekProbability { get; init; }

    /// <summary>Probabilities of each <see cref="DemoTextStyle"/>, in enum order.</summary>
    public required double[] StyleWeights { get; init; }

    /// <summary>Typical audience once the page has matured (log-normal by subtype and platform).</summary>
    public required double SubscriberScale { get; init; }

    /// <summary>Day (since the demo epoch) the page started gathering subscribers.</summary>
    public required int CreatedDay { get; init; }

    public required double GrowthTimeDays { get; init; }

    /// <summary>Long-run daily log-growth of subscribers (negative for neglected pages).</summary>
    public required double DailyDrift { get; init; }

    /// <summary>Share of subscribers that see a post of a 1,000-subscriber page; scaled by size at run time.</summary>
    public required double ReachAt1000 { get; init; }

    public required double LikesEffect { get; init; }

    public required double RepostsEffect { get; init; }

    public required double CommentsEffect { get; init; }

    public required bool CommentsOpen { get; init; }

    public required double ReplyProbability { get; init; }

    public required double ReplyMedianHours { get; init; }

    public required double BroadcastsPerDay { get; init; }

    public required double BroadcastViewsPerSubscriber { get; init; }

    public required bool HasGovernmentLabel { get; init; }

    public required bool HasDescription { get; init; }

    public required bool HasAvatar { get; init; }

    /// <summary>
    /// Contacts shown: VK's contacts block, or a phone or e-mail in a Telegram or MAX description (none without a description);
    /// null on OK, whose API does not show them. Drawn from a stream of its own (<see cref="ExtrasStream"/>), so adding it moved no
    /// earlier draw of the generator.
    /// </summary>
    public bool? HasContacts => Platform == Platform.Ok ? null : Extras().Contacts;

    /// <summary>A link to the body's official site: VK's site field, OK's homepage, or a link in a Telegram or MAX description.</summary>
    public bool HasSite => Extras().Site;

    /// <summary>The seed stream of the profile extras (contacts, site): after every stream the generator drew before them.</summary>
    internal const long ExtrasStream = 41;

    private (bool Contacts, bool Site) Extras()
    {
        if (Platform is Platform.Telegram or Platform.Max && !HasDescription)
        {
            return (false, false);
        }

        // Better-run pages fill in more of their profile, as with description and avatar.
        var rng = new DemoRandom(DemoSeed.Combine(Seed, ExtrasStream));
        var contacts = rng.Chance(1.0 / (1.0 + Math.Exp(-(0.8 + Quality))));
        var site = rng.Chance(1.0 / (1.0 + Math.Exp(-(0.4 + Quality))));
        return (contacts, site);
    }

    public Platform Platform => Registered.Platform;

    public OrganisationKind Kind => Registered.Kind;

    public string PageId => Registered.PageId;
}
