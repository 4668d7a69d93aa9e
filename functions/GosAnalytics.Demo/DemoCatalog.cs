using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>
/// The pages of the demo region, built once from the options. Page <c>i</c> depends only on the seed, the region and the
/// pages before it, so a smaller <see cref="DemoSourceOptions.PageCount"/> yields a prefix of a larger one.
/// </summary>
internal sealed class DemoCatalog
{
    /// <summary>Every 25th page (0, 25, 50, …) is a fixed regional page — governor, government, ministries — until the list runs out.</summary>
    public const int AnchorStride = 25;

    private readonly Dictionary<PageKey, DemoPage> byKey;

    private DemoCatalog(DemoRegionData region, DemoPage[] pages)
    {
        Region = region;
        Pages = pages;
        byKey = pages.ToDictionary(page => page.Registered.Key);
    }

    public DemoRegionData Region { get; }

    public IReadOnlyList<DemoPage> Pages { get; }

    public bool TryGet(PageKey key, out DemoPage page) => byKey.TryGetValue(key, out page!);

    public static DemoCatalog Build(DemoSourceOptions options)
    {
        var region = DemoRegionData.For(options.RegionCode);
        var builder = new Builder(region);
        var root = DemoSeed.Combine(unchecked((ulong)(long)options.Seed), options.RegionCode);
        var anchors = builder.Anchors();
        var pages = new DemoPage[options.PageCount];
        for (var i = 0; i < pages.Length; i++)
        {
            var pageSeed = DemoSeed.Combine(root, 1, i);
            var rng = new DemoRandom(pageSeed);
            var anchorIndex = i % AnchorStride == 0 ? i / AnchorStride : -1;
            DemoIdentity identity;
            if (anchorIndex >= 0 && anchorIndex < anchors.Length)
            {
                identity = anchors[anchorIndex];
                builder.Claim(identity);
            }
            else
            {
                identity = builder.DrawUnique(ref rng);
            }

            pages[i] = builder.Materialise(ref rng, identity, i, pageSeed, anchorIndex >= 0 && anchorIndex < anchors.Length);
        }

        return new DemoCatalog(region, pages);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>What a page is, before its hidden parameters are drawn.</summary>
    private sealed record DemoIdentity(
        string Title,
        string Slug,
        DemoSubtype Subtype,
        Platform Platform,
        DemoPlace Place,
        string Venue,
        DemoTopicGroup? Topic = null,
        double? AudienceMedian = null,
        double? PostsPerWeek = null,
        string? Speaker = null,
        double? BroadcastsPer30Days = null);

    private readonly record struct DemoPlace(string Genitive, string Hashtag, string Admin, string Phone, string Slug);

    private readonly record struct SubtypeProfile(
        OrganisationKind Kind, DemoTopicGroup Topic, DemoTopicGroup Secondary, double AudienceMedian, double AudienceSigma, double PostsPerWeek, double BroadcastsPer30Days, double BroadcastViewsPerSubscriber);

    private readonly record struct KindProfile(
        double Reach, double Likes, double Reposts, double Comments, double Reply, double LabelBase, double BureaucraticBias, double GoodBias, double RepostBias);

    private static SubtypeProfile Profile(DemoSubtype subtype) => subtype switch
    {
        DemoSubtype.Governor => new(OrganisationKind.RegionalAuthority, DemoTopicGroup.Authority, DemoTopicGroup.Authority, 90_000, 0.35, 14, 2.5, 1.2),
        DemoSubtype.Government => new(OrganisationKind.RegionalAuthority, DemoTopicGroup.Authority, DemoTopicGroup.Municipality, 45_000, 0.35, 20, 1.2, 0.5),
        DemoSubtype.Legislature => new(OrganisationKind.RegionalAuthority, DemoTopicGroup.Authority, DemoTopicGroup.Authority, 7_000, 0.5, 6, 0.4, 0.3),
        DemoSubtype.Ministry => new(OrganisationKind.RegionalAuthority, DemoTopicGroup.Authority, DemoTopicGroup.Authority, 6_000, 0.6, 7, 0.3, 0.25),
        DemoSubtype.RegionalAgency => new(OrganisationKind.RegionalAuthority, DemoTopicGroup.Authority, DemoTopicGroup.Other, 2_500, 0.6, 4, 0, 0),
        DemoSubtype.CityAdministration => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Utilities, 8_000, 0.5, 10, 0.8, 0.4),
        DemoSubtype.CityHead => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Authority, 9_000, 0.5, 5, 0.6, 0.5),
        DemoSubtype.DistrictAdministration => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Utilities, 3_500, 0.6, 9, 0.4, 0.35),
        DemoSubtype.MunicipalHead => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Authority, 2_500, 0.7, 5, 0.5, 0.4),
        DemoSubtype.Council => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Authority, 700, 0.7, 2, 0, 0),
        DemoSubtype.Settlement => new(OrganisationKind.Municipality, DemoTopicGroup.Municipality, DemoTopicGroup.Utilities, 450, 0.75, 2.5, 0, 0),
        DemoSubtype.School => new(OrganisationKind.Education, DemoTopicGroup.School, DemoTopicGroup.School, 800, 0.6, 4, 0, 0),
        DemoSubtype.Kindergarten => new(OrganisationKind.Education, DemoTopicGroup.Preschool, DemoTopicGroup.Preschool, 350, 0.6, 3, 0, 0),
        DemoSubtype.College => new(OrganisationKind.Education, DemoTopicGroup.School, DemoTopicGroup.Youth, 1_800, 0.55, 4, 0, 0),
        DemoSubtype.ExtraEducation => new(OrganisationKind.Education, DemoTopicGroup.School, DemoTopicGroup.Culture, 700, 0.7, 3.5, 0, 0),
        DemoSubtype.EducationOffice => new(OrganisationKind.Education, DemoTopicGroup.School, DemoTopicGroup.School, 1_500, 0.6, 4, 0, 0),
        DemoSubtype.Library => new(OrganisationKind.Culture, DemoTopicGroup.Culture, DemoTopicGroup.Culture, 400, 0.7, 4, 0, 0),
        DemoSubtype.HouseOfCulture => new(OrganisationKind.Culture, DemoTopicGroup.Culture, DemoTopicGroup.Culture, 550, 0.7, 4, 0, 0),
        DemoSubtype.Museum => new(OrganisationKind.Culture, DemoTopicGroup.Culture, DemoTopicGroup.Culture, 1_500, 0.7, 3.5, 0, 0),
        DemoSubtype.Theatre => new(OrganisationKind.Culture, DemoTopicGroup.Culture, DemoTopicGroup.Culture, 8_000, 0.5, 5, 0, 0),
        DemoSubtype.CultureCentre => new(OrganisationKind.Culture, DemoTopicGroup.Culture, DemoTopicGroup.Youth, 900, 0.6, 4, 0, 0),
        DemoSubtype.Hospital => new(OrganisationKind.Healthcare, DemoTopicGroup.Health, DemoTopicGroup.Health, 2_500, 0.6, 4, 0, 0),
        DemoSubtype.Polyclinic => new(OrganisationKind.Healthcare, DemoTopicGroup.Health, DemoTopicGroup.Health, 1_800, 0.6, 3, 0, 0),
        DemoSubtype.HealthCentre => new(OrganisationKind.Healthcare, DemoTopicGroup.Health, DemoTopicGroup.Health, 900, 0.8, 2.5, 0, 0),
        DemoSubtype.SocialService => new(OrganisationKind.SocialProtection, DemoTopicGroup.Social, DemoTopicGroup.Social, 900, 0.6, 3.5, 0, 0),
        DemoSubtype.SocialOffice => new(OrganisationKind.SocialProtection, DemoTopicGroup.Social, DemoTopicGroup.Other, 1_200, 0.6, 3, 0, 0),
        DemoSubtype.EmploymentCentre => new(OrganisationKind.SocialProtection, DemoTopicGroup.Social, DemoTopicGroup.Youth, 1_000, 0.6, 3, 0, 0),
        DemoSubtype.SportSchool => new(OrganisationKind.Sport, DemoTopicGroup.Sport, DemoTopicGroup.School, 800, 0.7, 3, 0, 0),
        DemoSubtype.SportComplex => new(OrganisationKind.Sport, DemoTopicGroup.Sport, DemoTopicGroup.Sport, 900, 0.7, 3, 0, 0),
        DemoSubtype.GtoCentre => new(OrganisationKind.Sport, DemoTopicGroup.Sport, DemoTopicGroup.Sport, 500, 0.6, 2.5, 0, 0),
        DemoSubtype.YouthCentre => new(OrganisationKind.Youth, DemoTopicGroup.Youth, DemoTopicGroup.Culture, 1_200, 0.7, 4, 0, 0),
        DemoSubtype.YouthCouncil => new(OrganisationKind.Youth, DemoTopicGroup.Youth, DemoTopicGroup.Youth, 500, 0.7, 3, 0, 0),
        DemoSubtype.Utility => new(OrganisationKind.Utilities, DemoTopicGroup.Utilities, DemoTopicGroup.Municipality, 2_000, 0.8, 4, 0, 0),
        DemoSubtype.Mfc => new(OrganisationKind.Other, DemoTopicGroup.Other, DemoTopicGroup.Other, 3_000, 0.7, 5, 0, 0),
        _ => new(OrganisationKind.Other, DemoTopicGroup.Other, DemoTopicGroup.Authority, 800, 0.7, 2.5, 0, 0),
    };

    private static KindProfile KindEffects(OrganisationKind kind) => kind switch
    {
        OrganisationKind.RegionalAuthority => new(1.0, -0.1, 0.1, 0.3, 0.8, 0.97, 0.6, 0.2, -0.3),
        OrganisationKind.Municipality => new(1.15, 0.0, 0.2, 0.4, 0.6, 0.92, 0.7, -0.2, 0.0),
        OrganisationKind.Education => new(1.0, 0.25, -0.1, -0.3, 0.0, 0.75, 0.0, 0.1, 0.3),
        OrganisationKind.Healthcare => new(0.9, -0.1, 0.1, 0.2, 0.3, 0.75, 0.3, 0.0, 0.2),
        OrganisationKind.Culture => new(0.95, 0.15, 0.0, -0.2, 0.0, 0.7, -0.4, 0.3, 0.1),
        OrganisationKind.SocialProtection => new(0.9, 0.0, 0.2, 0.1, 0.2, 0.8, 0.4, 0.0, 0.2),
        OrganisationKind.Sport => new(1.0, 0.2, 0.0, -0.1, 0.0, 0.6, -0.4, 0.2, 0.0),
        OrganisationKind.Youth => new(1.0, 0.1, 0.1, -0.1, 0.0, 0.55, -0.6, 0.4, 0.0),
        OrganisationKind.Utilities => new(1.1, -0.3, 0.3, 0.5, 0.3, 0.5, 0.5, -0.3, 0.0),
        _ => new(0.9, -0.1, 0.0, 0.0, 0.1, 0.6, 0.3, 0.0, 0.1),
    };

    private static readonly (string Name, DemoTopicGroup Topic, string Slug)[] Ministries =
    [
        ("здравоохранения", DemoTopicGroup.Health, "minzdrav"),
        ("образования и науки", DemoTopicGroup.School, "minobr"),
        ("социальной защиты населения", DemoTopicGroup.Social, "minsoc"),
        ("культуры и архивного дела", DemoTopicGroup.Culture, "minkult"),
        ("жилищно-коммунального хозяйства", DemoTopicGroup.Utilities, "mingkh"),
        ("транспорта и дорожного хозяйства", DemoTopicGroup.Municipality, "mintrans"),
        ("по физической культуре и спорту", DemoTopicGroup.Sport, "minsport"),
        ("сельского хозяйства", DemoTopicGroup.Authority, "minselhoz"),
        ("цифрового развития и связи", DemoTopicGroup.Other, "mincifra"),
        ("экономического развития и внешних связей", DemoTopicGroup.Authority, "mineconom"),
        ("природных ресурсов", DemoTopicGroup.Authority, "minprirody"),
        ("лесного хозяйства и пожарной безопасности", DemoTopicGroup.Authority, "minles"),
        ("внутренней и информационной политики", DemoTopicGroup.Youth, "mininfo"),
        ("строительства и архитектуры", DemoTopicGroup.Authority, "minstroy"),
        ("финансов", DemoTopicGroup.Authority, "minfin"),
        ("имущественных отношений", DemoTopicGroup.Authority, "minim"),
    ];

    private static readonly (string Name, string Slug)[] CollegeProfiles =
    [
        ("технологический", "tech"), ("индустриальный", "ind"), ("педагогический", "ped"), ("медицинский", "med"),
        ("аграрный", "agro"), ("строительный", "stroy"), ("многопрофильный", "mpk"), ("политехнический", "poly"),
    ];

    private static readonly (OrganisationKind Kind, double Weight)[] KindWeights =
    [
        (OrganisationKind.Education, 0.41), (OrganisationKind.Culture, 0.16), (OrganisationKind.Municipality, 0.145),
        (OrganisationKind.Healthcare, 0.07), (OrganisationKind.SocialProtection, 0.05), (OrganisationKind.Sport, 0.05),
        (OrganisationKind.Youth, 0.03), (OrganisationKind.Utilities, 0.03), (OrganisationKind.RegionalAuthority, 0.01),
        (OrganisationKind.Other, 0.03),
    ];

    private static readonly double[] KindWeightValues = KindWeights.Select(row => row.Weight).ToArray();

    private static readonly (DemoSubtype Subtype, double Weight)[][] SubtypeWeights =
    [
        [(DemoSubtype.School, 0.42), (DemoSubtype.Kindergarten, 0.36), (DemoSubtype.College, 0.06), (DemoSubtype.ExtraEducation, 0.11), (DemoSubtype.EducationOffice, 0.05)],
        [(DemoSubtype.Library, 0.42), (DemoSubtype.HouseOfCulture, 0.42), (DemoSubtype.Museum, 0.12), (DemoSubtype.CultureCentre, 0.04)],
        [(DemoSubtype.Settlement, 0.5), (DemoSubtype.DistrictAdministration, 0.18), (DemoSubtype.MunicipalHead, 0.12), (DemoSubtype.Council, 0.08), (DemoSubtype.CityAdministration, 0.12)],
        [(DemoSubtype.Hospital, 0.45), (DemoSubtype.Polyclinic, 0.35), (DemoSubtype.HealthCentre, 0.2)],
        [(DemoSubtype.SocialService, 0.5), (DemoSubtype.SocialOffice, 0.3), (DemoSubtype.EmploymentCentre, 0.2)],
        [(DemoSubtype.SportSchool, 0.5), (DemoSubtype.SportComplex, 0.3), (DemoSubtype.GtoCentre, 0.2)],
        [(DemoSubtype.YouthCentre, 0.6), (DemoSubtype.YouthCouncil, 0.4)],
        [(DemoSubtype.Utility, 1.0)],
        [(DemoSubtype.Ministry, 0.5), (DemoSubtype.RegionalAgency, 0.5)],
        [(DemoSubtype.Mfc, 0.4), (DemoSubtype.OtherBody, 0.6)],
    ];

    private static readonly double[][] SubtypeWeightValues = SubtypeWeights.Select(row => row.Select(item => item.Weight).ToArray()).ToArray();

    private static readonly double[] PlatformWeights = [0.75, 0.15, 0.10];

    private sealed class Builder(DemoRegionData region)
    {
        private readonly HashSet<string> titles = new(StringComparer.Ordinal);
        private readonly HashSet<string> screenNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> pageIds = new(StringComparer.Ordinal);
        private readonly double[] townWeights = region.Towns.Select(town => town.Weight).ToArray();

        private string RegionGenitive => region.Genitive;

        private string Suffix => region.InstitutionSuffix;

        public void Claim(DemoIdentity identity) => titles.Add(TitleKey(identity));

        public DemoIdentity DrawUnique(ref DemoRandom rng)
        {
            var platform = (Platform)rng.PickWeighted(PlatformWeights);
            var kindIndex = rng.PickWeighted(KindWeightValues);
            var subtypes = SubtypeWeights[kindIndex];
            DemoIdentity? identity = null;
            for (var attempt = 0; attempt < 12; attempt++)
            {
                var subtype = subtypes[rng.PickWeighted(SubtypeWeightValues[kindIndex])].Subtype;
                identity = Draw(ref rng, subtype, platform);
                if (titles.Add(TitleKey(identity)))
                {
                    return identity;
                }
            }

            // The pools of this kind are exhausted on this platform: keep the name, mark it as a second page.
            identity = identity! with { Title = identity.Title + " (официальная страница)" };
            titles.Add(TitleKey(identity));
            return identity;
        }

        public DemoPage Materialise(ref DemoRandom rng, DemoIdentity identity, int index, ulong seed, bool isAnchor)
        {
            var profile = Profile(identity.Subtype);
            var effects = KindEffects(profile.Kind);
            var platform = identity.Platform;
            var pageId = DrawPageId(ref rng, platform);
            var screenName = DrawScreenName(ref rng, platform, identity.Slug, pageId);

            var quality = isAnchor ? 0.5 + 0.7 * rng.Normal() : rng.Normal();
            var isDead = !isAnchor && rng.Chance(Sigmoid(-2.6 - 1.3 * quality));
            var postsPerWeek = isDead
                ? 0.04
                : Math.Clamp((identity.PostsPerWeek ?? profile.PostsPerWeek) * Math.Exp(0.45 * quality + 0.3 * rng.Normal()), 0.3, 70);

            var styleLogits = new[]
            {
                1.3 * quality - 0.5 + effects.GoodBias,
                0.0,
                -1.1 * quality + 0.1 + effects.BureaucraticBias,
                -0.6 * quality - 0.3,
                -0.3 * quality - 0.5 + effects.RepostBias,
            };
            var styleWeights = Softmax(styleLogits);

            var platformAudience = platform switch { Platform.Ok => 0.55, Platform.Telegram => 0.45, _ => 1.0 };
            var scale = (identity.AudienceMedian ?? profile.AudienceMedian) * platformAudience * Math.Exp(profile.AudienceSigma * rng.Normal() + 0.25 * quality);

            var platformReach = platform switch { Platform.Ok => 0.14, Platform.Telegram => 0.40, _ => 0.25 };
            var commentsOpen = rng.Chance(platform switch { Platform.Telegram => 0.45, Platform.Ok => 0.98, _ => 0.97 });
            var replyProbability = Sigmoid(-0.3 + 1.4 * quality + effects.Reply) * (isDead ? 0.3 : 1.0);
            var fastKinds = profile.Kind is OrganisationKind.RegionalAuthority or OrganisationKind.Municipality ? 0.6 : 1.0;
            var replyHours = Math.Clamp(5.0 * Math.Exp(-0.8 * quality + 0.3 * rng.Normal()) * fastKinds, 0.25, 96);

            var broadcastsPer30 = platform == Platform.Telegram ? 0 : identity.BroadcastsPer30Days ?? profile.BroadcastsPer30Days;
            if (identity.Subtype == DemoSubtype.Ministry && !rng.Chance(0.5))
            {
                broadcastsPer30 = 0;
            }

            var labelProbability = platform == Platform.Telegram
                ? 0
                : Sigmoid(Logit(effects.LabelBase) + 0.8 * quality) * (platform == Platform.Ok ? 0.7 : 1.0);

            return new DemoPage
            {
                Index = index,
                Seed = seed,
                Registered = new RegisteredPage(platform, pageId, screenName, region.Code, profile.Kind),
                Title = identity.Title,
                Subtype = identity.Subtype,
                Topic = identity.Topic ?? profile.Topic,
                SecondaryTopic = profile.Secondary,
                Venue = identity.Venue,
                PlaceGenitive = identity.Place.Genitive,
                PlaceHashtag = identity.Place.Hashtag,
                AdminGenitive = identity.Place.Admin,
                PhoneCode = identity.Place.Phone,
                Speaker = identity.Speaker,
                Quality = quality,
                IsDead = isDead,
                PostsPerWeek = postsPerWeek,
                DormantWeekProbability = 0.05 + 0.10 * Sigmoid(-1.5 * quality),
                StyleWeights = styleWeights,
                SubscriberScale = scale,
                CreatedDay = (int)(-30 + 420 * Math.Pow(rng.NextDouble(), 2)),
                GrowthTimeDays = rng.LogNormal(250, 0.5),
                DailyDrift = isDead ? -0.0004 : 0.0004 * quality + 0.00015 * rng.Normal(),
                ReachAt1000 = platformReach * effects.Reach * Math.Exp(0.25 * quality + 0.15 * rng.Normal()),
                LikesEffect = 0.35 * quality + effects.Likes + 0.15 * rng.Normal(),
                RepostsEffect = 0.30 * quality + effects.Reposts + 0.15 * rng.Normal(),
                CommentsEffect = 0.35 * quality + effects.Comments + 0.2 * rng.Normal(),
                CommentsOpen = commentsOpen,
                ReplyProbability = replyProbability,
                ReplyMedianHours = replyHours,
                BroadcastsPerDay = broadcastsPer30 / 30.0,
                BroadcastViewsPerSubscriber = profile.BroadcastViewsPerSubscriber,
                HasGovernmentLabel = rng.Chance(labelProbability),
                HasDescription = rng.Chance(Sigmoid(2.0 + quality)),
                HasAvatar = rng.Chance(Sigmoid(3.0 + quality)),
            };
        }

        private static double[] Softmax(double[] logits)
        {
            var max = logits.Max();
            var weights = logits.Select(logit => Math.Exp(logit - max)).ToArray();
            var sum = weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] /= sum;
            }

            return weights;
        }

        private static string TitleKey(DemoIdentity identity) => $"{(int)identity.Platform}|{identity.Title}";

        private string DrawPageId(ref DemoRandom rng, Platform platform)
        {
            while (true)
            {
                var id = platform switch
                {
                    Platform.Ok => 70_000_000_000_000L + rng.Next(1, 1_000_000_000) * 10L + rng.Next(10),
                    Platform.Telegram => 1_100_000_000L + rng.Next(1_000_000_000),
                    _ => 30_000_000L + rng.Next(199_000_000),
                };
                var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (pageIds.Add($"{(int)platform}|{text}"))
                {
                    return text;
                }
            }
        }

        private string DrawScreenName(ref DemoRandom rng, Platform platform, string slug, string pageId)
        {
            // Many VK and OK pages never chose a short name and keep the numeric one.
            if (platform == Platform.Vk && rng.Chance(0.35))
            {
                return Reserve($"club{pageId}");
            }

            if (platform == Platform.Ok && rng.Chance(0.4))
            {
                return Reserve($"group{pageId}");
            }

            if (screenNames.Add(slug))
            {
                return slug;
            }

            var regional = $"{slug}_{region.Slug}";
            if (screenNames.Add(regional))
            {
                return regional;
            }

            for (var n = 2; ; n++)
            {
                var numbered = $"{slug}{n}";
                if (screenNames.Add(numbered))
                {
                    return numbered;
                }
            }
        }

        private string Reserve(string name)
        {
            screenNames.Add(name);
            return name;
        }

        private DemoPlace TownPlace(DemoTown town) =>
            new($"города {town.Genitive}", Tag(town.Name), $"города {town.Genitive}", town.PhoneCode, town.Slug);

        private DemoPlace VillagePlace(DemoVillage village)
        {
            var district = region.Districts[village.District % region.Districts.Length];
            return new($"с. {village.Name}", village.Hashtag, $"{district.Genitive} муниципального округа", district.PhoneCode, village.Slug);
        }

        private static DemoPlace DistrictPlace(DemoDistrict district) =>
            new($"{district.Genitive} муниципального округа", district.Hashtag, $"{district.Genitive} муниципального округа", district.PhoneCode, district.Slug);

        private DemoPlace RegionPlace() =>
            new(RegionGenitive, region.Hashtag, RegionGenitive, region.Capital.PhoneCode, region.Slug);

        private static string Tag(string name) => name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

        private DemoTown Town(ref DemoRandom rng) => region.Towns[rng.PickWeighted(townWeights)];

        private DemoTown SmallTown(ref DemoRandom rng) => region.Towns.Length > 1 ? region.Towns[rng.Next(1, region.Towns.Length)] : region.Capital;

        private DemoVillage Village(ref DemoRandom rng) => rng.Pick(region.Villages);

        private DemoDistrict District(ref DemoRandom rng) => rng.Pick(region.Districts);

        private DemoIdentity Draw(ref DemoRandom rng, DemoSubtype subtype, Platform platform)
        {
            var inTown = rng.Chance(0.55);
            switch (subtype)
            {
                case DemoSubtype.School when inTown:
                {
                    var town = Town(ref rng);
                    var n = rng.Next(1, town.Schools + 1);
                    var form = rng.Next(10);
                    var title = form switch
                    {
                        < 5 => $"МОБУ СОШ № {n} г. {town.Genitive}",
                        < 8 => $"МОАУ «СОШ № {n}» г. {town.Genitive}",
                        8 => $"МАОУ «Гимназия № {n} г. {town.Genitive}»",
                        _ => $"МОАУ «Лицей № {n}» г. {town.Genitive}",
                    };
                    var slug = form switch { < 5 => $"school{n}_{town.Slug}", < 8 => $"{town.Slug}_sosh{n}", 8 => $"gymnasium{n}_{town.Slug}", _ => $"lyceum{n}_{town.Slug}" };
                    return new(title, slug, subtype, platform, TownPlace(town), rng.Chance(0.5) ? "в нашей школе" : "в школе");
                }

                case DemoSubtype.School:
                {
                    var village = Village(ref rng);
                    var title = rng.Chance(0.85) ? $"МОБУ «СОШ с. {village.Name}»" : $"МОБУ «Основная общеобразовательная школа с. {village.Name}»";
                    return new(title, $"school_{village.Slug}", subtype, platform, VillagePlace(village), "в нашей школе");
                }

                case DemoSubtype.Kindergarten when inTown:
                {
                    var town = Town(ref rng);
                    var n = rng.Next(1, town.Kindergartens + 1);
                    return new($"МДОАУ детский сад № {n} г. {town.Genitive}", $"ds{n}_{town.Slug}", subtype, platform, TownPlace(town), "в нашем детском саду");
                }

                case DemoSubtype.Kindergarten:
                {
                    var village = Village(ref rng);
                    var name = rng.Pick(DemoVocabulary.KindergartenNames);
                    return new($"МДОБУ детский сад «{name.Name}» с. {village.Name}", $"ds_{name.Slug}_{village.Slug}", subtype, platform, VillagePlace(village), "в нашем детском саду");
                }

                case DemoSubtype.College:
                {
                    var town = Town(ref rng);
                    var profile = rng.Pick(CollegeProfiles);
                    var college = rng.Chance(0.6) ? "колледж" : "техникум";
                    var adjective = town == region.Capital && rng.Chance(0.5) ? region.BrandMasculine : town.Adjective;
                    return new($"ГПОАУ{Suffix} «{adjective} {profile.Name} {college}»", $"{town.Slug}_{profile.Slug}_{(college == "колледж" ? "college" : "tehnikum")}", subtype, platform, TownPlace(town), $"в {college}е");
                }

                case DemoSubtype.ExtraEducation:
                {
                    var town = Town(ref rng);
                    var district = District(ref rng);
                    return rng.Next(4) switch
                    {
                        0 => new($"МАУ ДО «Дом детского творчества» г. {town.Genitive}", $"ddt_{town.Slug}", subtype, platform, TownPlace(town), "в Доме детского творчества"),
                        1 => new($"МБУ ДО «Детская школа искусств № {rng.Next(1, 4)}» г. {town.Genitive}", $"dshi_{town.Slug}", subtype, platform, TownPlace(town), "в школе искусств"),
                        2 => new($"МБУ ДО «Центр детского творчества» {district.Genitive} муниципального округа", $"cdt_{district.Slug}", subtype, platform, DistrictPlace(district), "в Центре детского творчества"),
                        _ => new($"МАУ ДО «Детская музыкальная школа» г. {town.Genitive}", $"dmsh_{town.Slug}", subtype, platform, TownPlace(town), "в музыкальной школе"),
                    };
                }

                case DemoSubtype.EducationOffice:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        return new($"Управление образования администрации города {town.Genitive}", $"uo_{town.Slug}", subtype, platform, TownPlace(town), "в школах города");
                    }

                    var district = District(ref rng);
                    return new($"Отдел образования администрации {district.Genitive} муниципального округа", $"obr_{district.Slug}", subtype, platform, DistrictPlace(district), "в школах округа");
                }

                case DemoSubtype.Library:
                {
                    var village = Village(ref rng);
                    var town = Town(ref rng);
                    var district = District(ref rng);
                    return rng.Next(4) switch
                    {
                        0 => new($"МБУК «Центральная библиотека {district.Genitive} муниципального округа»", $"cbs_{district.Slug}", subtype, platform, DistrictPlace(district), "в центральной библиотеке"),
                        1 => new($"Библиотека с. {village.Name}", $"lib_{village.Slug}", subtype, platform, VillagePlace(village), "в библиотеке"),
                        2 => new($"Детская библиотека г. {town.Genitive}", $"detlib_{town.Slug}", subtype, platform, TownPlace(town), "в детской библиотеке"),
                        _ => new($"Модельная библиотека с. {village.Name}", $"modlib_{village.Slug}", subtype, platform, VillagePlace(village), "в нашей библиотеке"),
                    };
                }

                case DemoSubtype.HouseOfCulture:
                {
                    var village = Village(ref rng);
                    var town = SmallTown(ref rng);
                    var district = District(ref rng);
                    return rng.Next(5) switch
                    {
                        0 or 1 => new($"МБУК «Дом культуры с. {village.Name}»", $"dk_{village.Slug}", subtype, platform, VillagePlace(village), "в Доме культуры"),
                        2 => new($"Сельский клуб с. {village.Name}", $"sk_{village.Slug}", subtype, platform, VillagePlace(village), "в сельском клубе"),
                        3 => new($"МАУК «Городской дворец культуры» г. {town.Genitive}", $"gdk_{town.Slug}", subtype, platform, TownPlace(town), "во Дворце культуры"),
                        _ => new($"МБУК «Районный Дом культуры» {district.Genitive} муниципального округа", $"rdk_{district.Slug}", subtype, platform, DistrictPlace(district), "в районном Доме культуры"),
                    };
                }

                case DemoSubtype.Museum:
                {
                    if (inTown)
                    {
                        var town = SmallTown(ref rng);
                        return new($"Краеведческий музей г. {town.Genitive}", $"museum_{town.Slug}", subtype, platform, TownPlace(town), "в музее");
                    }

                    var district = District(ref rng);
                    return new($"Музей истории {district.Genitive} муниципального округа", $"museum_{district.Slug}", subtype, platform, DistrictPlace(district), "в музее");
                }

                case DemoSubtype.CultureCentre:
                {
                    var district = District(ref rng);
                    return new($"МБУК «Центр культуры и досуга» {district.Genitive} муниципального округа", $"ckd_{district.Slug}", subtype, platform, DistrictPlace(district), "в Центре культуры и досуга");
                }

                case DemoSubtype.Settlement:
                {
                    var village = Village(ref rng);
                    var title = rng.Chance(0.7) ? $"Территориальный отдел с. {village.Name}" : $"Администрация с. {village.Name}";
                    return new(title, $"to_{village.Slug}", subtype, platform, VillagePlace(village), "в селе");
                }

                case DemoSubtype.DistrictAdministration:
                {
                    var district = District(ref rng);
                    return new($"Администрация {district.Genitive} муниципального округа", $"adm_{district.Slug}", subtype, platform, DistrictPlace(district), "в администрации округа");
                }

                case DemoSubtype.MunicipalHead:
                {
                    if (inTown)
                    {
                        var town = SmallTown(ref rng);
                        return new($"Глава города {town.Genitive}", $"glava_{town.Slug}", subtype, platform, TownPlace(town), "", Speaker: "глава города");
                    }

                    var district = District(ref rng);
                    return new($"Глава {district.Genitive} муниципального округа", $"glava_{district.Slug}", subtype, platform, DistrictPlace(district), "", Speaker: "глава округа");
                }

                case DemoSubtype.Council:
                {
                    if (inTown)
                    {
                        var town = SmallTown(ref rng);
                        return new($"{town.Adjective} городской Совет народных депутатов", $"gorsovet_{town.Slug}", subtype, platform, TownPlace(town), "");
                    }

                    var district = District(ref rng);
                    return new($"Совет народных депутатов {district.Genitive} муниципального округа", $"snd_{district.Slug}", subtype, platform, DistrictPlace(district), "");
                }

                case DemoSubtype.CityAdministration:
                {
                    var town = SmallTown(ref rng);
                    return new($"Администрация города {town.Genitive}", $"adm_{town.Slug}", subtype, platform, TownPlace(town), "в администрации города");
                }

                case DemoSubtype.Hospital:
                {
                    if (inTown)
                    {
                        var town = SmallTown(ref rng);
                        return new($"ГАУЗ{Suffix} «Городская больница г. {town.Genitive}»", $"gb_{town.Slug}", subtype, platform, TownPlace(town), "в больнице");
                    }

                    var district = District(ref rng);
                    return new($"ГБУЗ{Suffix} «{district.Feminine} больница»", $"crb_{district.Slug}", subtype, platform, DistrictPlace(district), "в больнице");
                }

                case DemoSubtype.Polyclinic:
                {
                    if (rng.Chance(0.6))
                    {
                        var n = rng.Next(1, 5);
                        return new($"ГАУЗ{Suffix} «Городская поликлиника № {n}»", $"gp{n}_{region.Capital.Slug}", subtype, platform, TownPlace(region.Capital), "в поликлинике");
                    }

                    var town = Town(ref rng);
                    return new($"Детская поликлиника г. {town.Genitive}", $"dp_{town.Slug}", subtype, platform, TownPlace(town), "в детской поликлинике");
                }

                case DemoSubtype.HealthCentre:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        return new($"ГАУЗ{Suffix} «Стоматологическая поликлиника г. {town.Genitive}»", $"stom_{town.Slug}", subtype, platform, TownPlace(town), "в поликлинике");
                    }

                    var village = Village(ref rng);
                    return new($"Фельдшерско-акушерский пункт с. {village.Name}", $"fap_{village.Slug}", subtype, platform, VillagePlace(village), "в ФАПе");
                }

                case DemoSubtype.SocialService:
                {
                    var district = District(ref rng);
                    return new($"ГАУ{Suffix} «{district.Adjective} комплексный центр социального обслуживания населения»", $"kcson_{district.Slug}", subtype, platform, DistrictPlace(district), "в центре");
                }

                case DemoSubtype.SocialOffice:
                {
                    var district = District(ref rng);
                    return new($"Управление социальной защиты населения по {district.Dative} муниципальному округу", $"uszn_{district.Slug}", subtype, platform, DistrictPlace(district), "");
                }

                case DemoSubtype.EmploymentCentre:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        return new($"Центр занятости населения г. {town.Genitive}", $"czn_{town.Slug}", subtype, platform, TownPlace(town), "в центре занятости");
                    }

                    var district = District(ref rng);
                    return new($"Центр занятости населения {district.Genitive} муниципального округа", $"czn_{district.Slug}", subtype, platform, DistrictPlace(district), "в центре занятости");
                }

                case DemoSubtype.SportSchool:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        var n = rng.Next(1, 4);
                        return new($"МАУ ДО «Спортивная школа № {n}» г. {town.Genitive}", $"sport{n}_{town.Slug}", subtype, platform, TownPlace(town), "в спортивной школе");
                    }

                    var district = District(ref rng);
                    return new($"МБУ ДО «Спортивная школа» {district.Genitive} муниципального округа", $"sport_{district.Slug}", subtype, platform, DistrictPlace(district), "в спортивной школе");
                }

                case DemoSubtype.SportComplex:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        var name = rng.Pick(DemoVocabulary.SportNames);
                        return new($"Спортивный комплекс «{name.Name}» г. {town.Genitive}", $"sk_{name.Slug}_{town.Slug}", subtype, platform, TownPlace(town), "в спорткомплексе");
                    }

                    var village = Village(ref rng);
                    return new($"Физкультурно-оздоровительный комплекс с. {village.Name}", $"fok_{village.Slug}", subtype, platform, VillagePlace(village), "в физкультурно-оздоровительном комплексе");
                }

                case DemoSubtype.GtoCentre:
                {
                    var district = District(ref rng);
                    return new($"Центр тестирования ГТО {district.Genitive} муниципального округа", $"gto_{district.Slug}", subtype, platform, DistrictPlace(district), "");
                }

                case DemoSubtype.YouthCentre:
                {
                    if (inTown)
                    {
                        var town = Town(ref rng);
                        return new($"МАУ «Молодёжный центр» г. {town.Genitive}", $"mc_{town.Slug}", subtype, platform, TownPlace(town), "в молодёжном центре");
                    }

                    var district = District(ref rng);
                    return new($"Молодёжный центр {district.Genitive} муниципального округа", $"mc_{district.Slug}", subtype, platform, DistrictPlace(district), "в молодёжном центре");
                }

                case DemoSubtype.YouthCouncil:
                {
                    var district = District(ref rng);
                    if (rng.Chance(0.5))
                    {
                        return new($"Волонтёры {district.Genitive} муниципального округа", $"volonter_{district.Slug}", subtype, platform, DistrictPlace(district), "");
                    }

                    var town = Town(ref rng);
                    return new($"Молодёжный совет г. {town.Genitive}", $"molsovet_{town.Slug}", subtype, platform, TownPlace(town), "");
                }

                case DemoSubtype.Utility:
                {
                    var town = Town(ref rng);
                    var district = District(ref rng);
                    return rng.Next(5) switch
                    {
                        0 => new($"МУП «Водоканал» г. {town.Genitive}", $"vodokanal_{town.Slug}", subtype, platform, TownPlace(town), ""),
                        1 => new($"МУП «Теплосети» г. {town.Genitive}", $"teploseti_{town.Slug}", subtype, platform, TownPlace(town), ""),
                        2 => new($"МКУ «Управление ЖКХ» {district.Genitive} муниципального округа", $"gkh_{district.Slug}", subtype, platform, DistrictPlace(district), ""),
                        3 => new($"МКУ «Благоустройство» г. {town.Genitive}", $"blago_{town.Slug}", subtype, platform, TownPlace(town), ""),
                        _ => new($"Управление ЖКХ администрации города {town.Genitive}", $"ugkh_{town.Slug}", subtype, platform, TownPlace(town), ""),
                    };
                }

                case DemoSubtype.Ministry:
                {
                    var ministry = rng.Pick(Ministries);
                    return new($"Министерство {ministry.Name} {RegionGenitive}", $"{ministry.Slug}_{region.Slug}", subtype, platform, RegionPlace(), "", ministry.Topic);
                }

                case DemoSubtype.Mfc:
                {
                    var town = Town(ref rng);
                    return new($"МФЦ города {town.Genitive}", $"mfc_{town.Slug}", subtype, platform, TownPlace(town), "в МФЦ");
                }

                case DemoSubtype.OtherBody:
                {
                    var district = District(ref rng);
                    return rng.Next(4) switch
                    {
                        0 => new($"Отдел ЗАГС по {district.Dative} муниципальному округу", $"zags_{district.Slug}", subtype, platform, DistrictPlace(district), ""),
                        1 => new($"ГКУ{Suffix} «{district.Neuter} лесничество»", $"les_{district.Slug}", subtype, platform, DistrictPlace(district), ""),
                        2 => new($"ГБУ{Suffix} «{district.Feminine} станция по борьбе с болезнями животных»", $"vet_{district.Slug}", subtype, platform, DistrictPlace(district), ""),
                        _ => new($"Архивный отдел администрации {district.Genitive} муниципального округа", $"archive_{district.Slug}", subtype, platform, DistrictPlace(district), ""),
                    };
                }

                default:
                {
                    var agencies = new[]
                    {
                        ($"Государственная жилищная инспекция {RegionGenitive}", "gzhi"),
                        ($"Управление ветеринарии {RegionGenitive}", "vet"),
                        ($"Управление ЗАГС {RegionGenitive}", "zags"),
                        ($"Инспекция государственного строительного надзора {RegionGenitive}", "gsn"),
                        ($"Уполномоченный по правам человека в {region.Prepositional}", "ombudsman"),
                        ($"Уполномоченный по правам ребёнка в {region.Prepositional}", "detombudsman"),
                        ($"Избирательная комиссия {RegionGenitive}", "izbirkom"),
                        ($"Контрольно-счётная палата {RegionGenitive}", "ksp"),
                        ($"Управление по охране объектов культурного наследия {RegionGenitive}", "okn"),
                    };
                    var agency = rng.Pick(agencies);
                    return new(agency.Item1, $"{agency.Item2}_{region.Slug}", DemoSubtype.RegionalAgency, platform, RegionPlace(), "");
                }
            }
        }

        /// <summary>The fixed regional pages, in the order they take the anchor slots.</summary>
        public DemoIdentity[] Anchors()
        {
            var regionPlace = RegionPlace();
            var capital = TownPlace(region.Capital);
            var slug = region.Slug;

            DemoIdentity Ministry(string ministrySlug, Platform platform)
            {
                var ministry = Array.Find(Ministries, row => row.Slug == ministrySlug);
                var suffix = platform == Platform.Vk ? "" : platform == Platform.Ok ? "_ok" : "_tg";
                return new($"Министерство {ministry.Name} {RegionGenitive}", $"{ministry.Slug}_{slug}{suffix}", DemoSubtype.Ministry, platform, regionPlace, "", ministry.Topic);
            }

            DemoIdentity Authority(string title, string pageSlug, DemoSubtype subtype, Platform platform, string? speaker = null) =>
                new(title, pageSlug, subtype, platform, regionPlace, "", Speaker: speaker);

            var governor = $"Губернатор {RegionGenitive}";
            var government = $"Правительство {RegionGenitive}";
            return
            [
                Authority(governor, $"gubernator_{slug}", DemoSubtype.Governor, Platform.Vk, "Губернатор"),
                Authority(government, $"pravitelstvo_{slug}", DemoSubtype.Government, Platform.Vk),
                Authority(governor, $"gubernator_{slug}_tg", DemoSubtype.Governor, Platform.Telegram, "Губернатор"),
                new($"Администрация города {region.Capital.Genitive}", $"adm_{region.Capital.Slug}", DemoSubtype.CityAdministration, Platform.Vk, capital, "в администрации города", AudienceMedian: 40_000, BroadcastsPer30Days: 1.0),
                Ministry("minzdrav", Platform.Vk),
                Ministry("minobr", Platform.Vk),
                Authority(government, $"pravitelstvo_{slug}_ok", DemoSubtype.Government, Platform.Ok),
                Authority($"Законодательное Собрание {RegionGenitive}", $"zs_{slug}", DemoSubtype.Legislature, Platform.Vk),
                Authority(governor, $"gubernator_{slug}_ok", DemoSubtype.Governor, Platform.Ok, "Губернатор"),
                Authority(government, $"pravitelstvo_{slug}_tg", DemoSubtype.Government, Platform.Telegram),
                Ministry("minsoc", Platform.Vk),
                new($"ГАУЗ{Suffix} «{region.RegionalFeminine("клиническая больница")}»", $"okb_{slug}", DemoSubtype.Hospital, Platform.Vk, regionPlace, "в областной больнице", AudienceMedian: 15_000),
                Ministry("minkult", Platform.Vk),
                Ministry("mingkh", Platform.Vk),
                Ministry("mintrans", Platform.Vk),
                new($"Мэр города {region.Capital.Genitive}", $"mer_{region.Capital.Slug}", DemoSubtype.CityHead, Platform.Vk, capital, "", AudienceMedian: 20_000, Speaker: "мэр города"),
                Ministry("minsport", Platform.Vk),
                Ministry("minselhoz", Platform.Vk),
                Ministry("mincifra", Platform.Vk),
                Ministry("mineconom", Platform.Vk),
                Ministry("minzdrav", Platform.Telegram),
                Ministry("minobr", Platform.Ok),
                Ministry("minprirody", Platform.Vk),
                Ministry("minles", Platform.Vk),
                Ministry("mininfo", Platform.Vk),
                Ministry("minstroy", Platform.Vk),
                Ministry("minfin", Platform.Vk),
                Ministry("minim", Platform.Vk),
                Authority($"Государственная жилищная инспекция {RegionGenitive}", $"gzhi_{slug}", DemoSubtype.RegionalAgency, Platform.Vk),
                Authority($"Уполномоченный по правам ребёнка в {region.Prepositional}", $"detombudsman_{slug}", DemoSubtype.RegionalAgency, Platform.Vk),
                Authority($"Управление ЗАГС {RegionGenitive}", $"zags_{slug}", DemoSubtype.RegionalAgency, Platform.Vk),
                new($"ЦУР {RegionGenitive}", $"cur_{slug}", DemoSubtype.OtherBody, Platform.Vk, regionPlace, "", AudienceMedian: 8_000, PostsPerWeek: 10),
                new($"ГБУК «{region.RegionalFeminine("научная библиотека")}»", $"library_{slug}", DemoSubtype.Library, Platform.Vk, regionPlace, "в областной библиотеке", AudienceMedian: 5_000),
                new($"ГБУК «{region.RegionalMasculine("краеведческий музей")}»", $"museum_{slug}", DemoSubtype.Museum, Platform.Vk, regionPlace, "в музее", AudienceMedian: 6_000),
                new($"ГАУК «{region.RegionalMasculine("театр драмы и комедии")}»", $"teatr_{slug}", DemoSubtype.Theatre, Platform.Vk, regionPlace, "в театре", AudienceMedian: 9_000),
                new($"ГАУЗ{Suffix} «{region.RegionalFeminine("детская клиническая больница")}»", $"odkb_{slug}", DemoSubtype.Hospital, Platform.Vk, regionPlace, "в детской больнице", AudienceMedian: 8_000),
                new($"МФЦ {RegionGenitive}", $"mfc_{slug}", DemoSubtype.Mfc, Platform.Vk, regionPlace, "в МФЦ", AudienceMedian: 12_000),
                new($"Фонд капитального ремонта многоквартирных домов {RegionGenitive}", $"fkr_{slug}", DemoSubtype.Utility, Platform.Vk, regionPlace, "", AudienceMedian: 6_000),
                new($"Администрация города {region.Capital.Genitive}", $"adm_{region.Capital.Slug}_ok", DemoSubtype.CityAdministration, Platform.Ok, capital, "в администрации города", AudienceMedian: 40_000, BroadcastsPer30Days: 1.0),
                new($"ГАУК «{region.RegionalFeminine("филармония")}»", $"filarmonia_{slug}", DemoSubtype.Theatre, Platform.Vk, regionPlace, "в филармонии", AudienceMedian: 5_000),
                Ministry("minobr", Platform.Telegram),
                new($"Центр молодёжной политики и добровольчества {RegionGenitive}", $"molodezh_{slug}", DemoSubtype.YouthCentre, Platform.Vk, regionPlace, "в молодёжном центре", AudienceMedian: 5_000),
                new($"Спортивная школа олимпийского резерва {RegionGenitive}", $"sshor_{slug}", DemoSubtype.SportSchool, Platform.Vk, regionPlace, "в спортивной школе", AudienceMedian: 3_000),
                Authority($"Уполномоченный по правам человека в {region.Prepositional}", $"ombudsman_{slug}", DemoSubtype.RegionalAgency, Platform.Vk),
                Authority($"Избирательная комиссия {RegionGenitive}", $"izbirkom_{slug}", DemoSubtype.RegionalAgency, Platform.Vk),
            ];
        }
    }
}
