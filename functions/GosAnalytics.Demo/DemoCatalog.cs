using System.Globalization;
using System.Text;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>
/// The pages of one demo region, built once. Page <c>i</c> depends only on the seed, the region and the pages before it,
/// so a smaller page count yields a prefix of a larger one and a region is the same whichever other regions are built. The kinds of
/// organisation, their parameters and their names come from <c>Data/organisations.json</c>; how pages are drawn is here.
/// </summary>
internal sealed class DemoCatalog
{
    /// <summary>Every 25th page (0, 25, 50, …) is a fixed regional page — governor, government, ministries — until the list runs out.</summary>
    public const int AnchorStride = 25;

    /// <summary>
    /// Chance that the organisation of a fixed regional VK page (governor, government, ministries…) also runs a MAX channel: state
    /// bodies opened theirs first, from August 2025.
    /// </summary>
    public const double AnchorMaxChannelChance = 0.9;

    private DemoCatalog(DemoRegionData region, DemoPage[] pages)
    {
        Region = region;
        Pages = pages;
    }

    public DemoRegionData Region { get; }

    public IReadOnlyList<DemoPage> Pages { get; }

    /// <summary>The region's pages: page <c>i</c> is drawn from (seed, region code, i) after pages 0…i−1 of the same region only.</summary>
    public static DemoCatalog Build(DemoRegionPlan plan, int seed)
    {
        var region = DemoRegionData.For(plan.Code);
        var builder = new Builder(region, DemoData.Organisations);
        var root = DemoSeed.Combine(unchecked((ulong)(long)seed), plan.Code);
        var anchors = builder.Anchors();
        var pages = new DemoPage[plan.PageCount];
        var maxChannels = new List<DemoPage>();
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

            var isAnchor = anchorIndex >= 0 && anchorIndex < anchors.Length;
            pages[i] = builder.Materialise(ref rng, identity, i, pageSeed, isAnchor);
            if (MaxChannelOf(builder, root, pages[i], i, isAnchor, plan.PageCount + maxChannels.Count) is { } channel)
            {
                maxChannels.Add(channel);
            }
        }

        // MAX channels come after the VK, OK and Telegram pages, whose draws they never touch: those stay exactly as they were.
        return new DemoCatalog(region, [.. pages, .. maxChannels]);
    }

    /// <summary>
    /// The MAX channel of VK page <c>i</c>'s organisation, if it opened one: the chance rises with the page's quality (about 45 % on
    /// average, 90 % for the fixed regional pages), drawn from its own stream (seed, region, 5, i). The channel has its own hidden
    /// truth, its quality correlated with the VK page's (ρ ≈ 0.7): the same team runs both. It is drawn right after page <c>i</c>
    /// from state no other platform reads, so a smaller page count yields a prefix of a larger one's channels too.
    /// </summary>
    private static DemoPage? MaxChannelOf(Builder builder, ulong root, DemoPage twin, int i, bool isAnchor, int index)
    {
        if (twin.Platform != Platform.Vk)
        {
            return null;
        }

        var seed = DemoSeed.Combine(root, 5, i);
        var rng = new DemoRandom(seed);
        return rng.Chance(isAnchor ? AnchorMaxChannelChance : Sigmoid(-0.25 + 0.9 * twin.Quality))
            ? builder.MaterialiseMaxChannel(ref rng, twin, index, seed, isAnchor)
            : null;
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

    /// <param name="Municipality">The municipal district or city okrug the place lies in; null for the region as a whole.</param>
    private readonly record struct DemoPlace(string Genitive, string Hashtag, string Admin, string Phone, string Slug, string? Municipality);

    /// <summary>What has been drawn for a page's name: the values behind the placeholders of its <see cref="DemoNameForm"/>.</summary>
    private struct NameParts
    {
        public DemoTown? Town;
        public DemoDistrict? District;
        public DemoVillage? Village;
        public int? Number;
        public DemoNamed? Name;
        public DemoNamed? Kind;
        public string? Adjective;
        public DemoTopicGroup? Topic;
    }

    private sealed class Builder(DemoRegionData region, DemoOrganisations organisations)
    {
        private readonly HashSet<string> titles = new(StringComparer.Ordinal);
        private readonly HashSet<string> screenNames = new(StringComparer.OrdinalIgnoreCase);

        // MAX channels reserve their names apart, so that adding them changed no name of a VK, OK or Telegram page.
        private readonly HashSet<string> maxScreenNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> pageIds = new(StringComparer.Ordinal);

        // Pages with one title are one organisation on several platforms: its id is taken from its first page, so that it never changes
        // when pages are added after it (a smaller page count still gives a prefix).
        private readonly Dictionary<string, string> organisationOf = new(StringComparer.Ordinal);
        private readonly double[] townWeights = region.Towns.Select(town => town.Weight).ToArray();
        private readonly double[] platformWeights = organisations.Platforms.Select(share => share.Weight).ToArray();
        private readonly double[] kindWeights = organisations.Kinds.Select(share => share.Weight).ToArray();
        private readonly double[][] subtypeWeights = organisations.Kinds.Select(kind => kind.Subtypes.Select(share => share.Weight).ToArray()).ToArray();

        public void Claim(DemoIdentity identity) => titles.Add(TitleKey(identity));

        public DemoIdentity DrawUnique(ref DemoRandom rng)
        {
            var platform = organisations.Platforms[rng.PickWeighted(platformWeights)].Platform;
            var kindIndex = rng.PickWeighted(kindWeights);
            var subtypes = organisations.Kinds[kindIndex].Subtypes;
            DemoIdentity? identity = null;
            for (var attempt = 0; attempt < 12; attempt++)
            {
                var subtype = subtypes[rng.PickWeighted(subtypeWeights[kindIndex])].Subtype;
                identity = Draw(ref rng, subtype, platform);
                if (titles.Add(TitleKey(identity)))
                {
                    return identity;
                }
            }

            // The pools of this kind are exhausted on this platform: keep the name, mark it as a second page.
            identity = identity! with { Title = $"{identity.Title} {organisations.SecondPageNote}" };
            titles.Add(TitleKey(identity));
            return identity;
        }

        /// <summary>The MAX channel of <paramref name="twin"/>'s organisation: its name, its kind, a quality correlated with the VK page's.</summary>
        public DemoPage MaterialiseMaxChannel(ref DemoRandom rng, DemoPage twin, int index, ulong seed, bool isAnchor)
        {
            var identity = new DemoIdentity(
                twin.Title,
                twin.Registered.ScreenName.StartsWith("club", StringComparison.Ordinal) ? $"{twin.Registered.ScreenName}_max" : twin.Registered.ScreenName,
                twin.Subtype,
                Platform.Max,
                new DemoPlace(twin.PlaceGenitive, twin.PlaceHashtag, twin.AdminGenitive, twin.PhoneCode, "", twin.Registered.Municipality),
                twin.Venue,
                twin.Topic,
                Speaker: twin.Speaker);
            titles.Add(TitleKey(identity));
            var quality = 0.7 * twin.Quality + 0.7 * rng.Normal();
            return Materialise(ref rng, identity, index, seed, isAnchor, quality);
        }

        public DemoPage Materialise(ref DemoRandom rng, DemoIdentity identity, int index, ulong seed, bool isAnchor, double? givenQuality = null)
        {
            var profile = organisations.SubtypeProfiles[identity.Subtype];
            var effects = organisations.KindProfiles[profile.Kind];
            var platform = identity.Platform;
            var pageId = DrawPageId(ref rng, platform);
            var screenName = DrawScreenName(ref rng, platform, identity.Slug, pageId);

            var quality = givenQuality ?? (isAnchor ? 0.5 + 0.7 * rng.Normal() : rng.Normal());
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

            // MAX channels are months old: their audiences are still smaller than the VK pages' (docs/demo-data.md).
            var platformAudience = platform switch { Platform.Ok => 0.55, Platform.Telegram => 0.45, Platform.Max => 0.35, _ => 1.0 };
            var scale = (identity.AudienceMedian ?? profile.AudienceMedian) * platformAudience * Math.Exp(profile.AudienceSigma * rng.Normal() + 0.25 * quality);

            var platformReach = platform switch { Platform.Ok => 0.14, Platform.Telegram => 0.40, Platform.Max => 0.45, _ => 0.25 };
            var commentsOpen = rng.Chance(platform switch { Platform.Telegram => 0.45, Platform.Max => 0.6, Platform.Ok => 0.98, _ => 0.97 });
            var replyProbability = Sigmoid(-0.3 + 1.4 * quality + effects.Reply) * (isDead ? 0.3 : 1.0);
            var fastKinds = profile.Kind is OrganisationKind.RegionalAuthority or OrganisationKind.Municipality ? 0.6 : 1.0;
            var replyHours = Math.Clamp(5.0 * Math.Exp(-0.8 * quality + 0.3 * rng.Normal()) * fastKinds, 0.25, 96);

            var broadcastsPer30 = platform is Platform.Telegram or Platform.Max ? 0 : identity.BroadcastsPer30Days ?? profile.BroadcastsPer30Days;
            if (identity.Subtype == DemoSubtype.Ministry && !rng.Chance(0.5))
            {
                broadcastsPer30 = 0;
            }

            var labelProbability = platform is Platform.Telegram or Platform.Max
                ? 0
                : Sigmoid(Logit(effects.LabelBase) + 0.8 * quality) * (platform == Platform.Ok ? 0.7 : 1.0);

            return new DemoPage
            {
                Index = index,
                Seed = seed,
                Registered = new RegisteredPage(platform, pageId, screenName, region.Code, profile.Kind)
                {
                    Municipality = identity.Place.Municipality,
                    OrganisationId = OrganisationOf(identity.Title, index),
                    OrganisationName = OrganisationTitle(identity.Title),
                },
                Title = identity.Title,
                Subtype = identity.Subtype,
                Topic = identity.Topic ?? profile.Topic,
                SecondaryTopic = profile.SecondaryTopic,
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

        /// <summary>
        /// The organisation of a page titled <paramref name="title"/>: that of the first page with its title, or a new one named after page
        /// <paramref name="index"/> («demo-28-00025»). A page marked as a second page of its name belongs to the organisation of that name.
        /// </summary>
        private string OrganisationOf(string title, int index)
        {
            var name = OrganisationTitle(title);
            if (!organisationOf.TryGetValue(name, out var id))
            {
                organisationOf[name] = id = string.Create(CultureInfo.InvariantCulture, $"demo-{region.Code:D2}-{index:D5}");
            }

            return id;
        }

        private string OrganisationTitle(string title)
        {
            var note = " " + organisations.SecondPageNote;
            return title.EndsWith(note, StringComparison.Ordinal) ? title[..^note.Length] : title;
        }

        private string DrawPageId(ref DemoRandom rng, Platform platform)
        {
            while (true)
            {
                var text = DemoIds.DrawPageId(ref rng, platform, region.Code).ToString(CultureInfo.InvariantCulture);
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

            // A MAX channel without a public link is known by its chat id alone.
            if (platform == Platform.Max && rng.Chance(0.3))
            {
                return "";
            }

            var names = platform == Platform.Max ? maxScreenNames : screenNames;
            if (region.Code != DemoIds.LegacyRegion)
            {
                for (var n = 1; ; n++)
                {
                    var name = DemoIds.Numbered(slug, n, region.Code, region.Slug);
                    if (names.Add(name))
                    {
                        return name;
                    }
                }
            }

            if (names.Add(slug))
            {
                return slug;
            }

            var regional = $"{slug}_{region.Slug}";
            if (names.Add(regional))
            {
                return regional;
            }

            for (var n = 2; ; n++)
            {
                var numbered = $"{slug}{n}";
                if (names.Add(numbered))
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

        // A federal city is its own capital: its city-wide bodies are regional, with no municipality.
        private DemoPlace TownPlace(DemoTown town) =>
            new($"города {town.Genitive}", Tag(town.Name), $"города {town.Genitive}", town.PhoneCode, town.Slug, region.IsFederalCity && town == region.Capital ? null : town.MunicipalUnit);

        private DemoPlace VillagePlace(DemoVillage village)
        {
            var district = region.Districts[village.District % region.Districts.Length];
            return new($"с. {village.Name}", village.Hashtag, $"{district.Genitive} муниципального округа", district.PhoneCode, village.Slug, district.MunicipalUnit);
        }

        private static DemoPlace DistrictPlace(DemoDistrict district) =>
            new($"{district.Genitive} муниципального округа", district.Hashtag, $"{district.Genitive} муниципального округа", district.PhoneCode, district.Slug, district.MunicipalUnit);

        private DemoPlace RegionPlace() =>
            new(region.Genitive, region.Hashtag, region.Genitive, region.Capital.PhoneCode, region.Slug, null);

        private static string Tag(string name) => name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

        private DemoTown Town(ref DemoRandom rng) => region.Towns[rng.PickWeighted(townWeights)];

        private DemoTown SmallTown(ref DemoRandom rng) => region.Towns.Length > 1 ? region.Towns[rng.Next(1, region.Towns.Length)] : region.Capital;

        private DemoVillage Village(ref DemoRandom rng) => rng.Pick(region.Villages);

        private DemoDistrict District(ref DemoRandom rng) => rng.Pick(region.Districts);

        /// <summary>Forms of the subtype's names that belong to <paramref name="place"/>, in file order.</summary>
        private DemoNameForm[] FormsAt(DemoSubtype subtype, DemoPlaceKind place) => Array.FindAll(organisations.Names[subtype], form => form.Place == place);

        /// <summary>The subtype's only name form for <paramref name="place"/>.</summary>
        private DemoNameForm FormAt(DemoSubtype subtype, DemoPlaceKind place) =>
            FormsAt(subtype, place) is [var form] ? form : throw new InvalidDataException($"names.{subtype} needs exactly one form for {place}.");

        /// <summary>A form drawn in proportion to its weight; a single form costs no draw.</summary>
        private static DemoNameForm PickForm(ref DemoRandom rng, DemoNameForm[] forms)
        {
            if (forms.Length == 1)
            {
                return forms[0];
            }

            var target = rng.Next(forms.Sum(form => form.Weight));
            foreach (var form in forms)
            {
                target -= form.Weight;
                if (target < 0)
                {
                    return form;
                }
            }

            return forms[^1];
        }

        /// <summary>The identity named by <paramref name="form"/>; a form with a number range draws {n} first.</summary>
        private DemoIdentity Named(ref DemoRandom rng, DemoSubtype subtype, Platform platform, DemoNameForm form, NameParts parts, string? title = null, string? venue = null)
        {
            if (form.NumberUpTo is { } upTo)
            {
                parts.Number = rng.Next(1, upTo + 1);
            }

            return Identity(subtype, platform, form, parts, title, venue);
        }

        /// <summary>
        /// The identity named by <paramref name="form"/> over what was drawn, with no draw of its own. <paramref name="title"/>
        /// and <paramref name="venue"/> replace the form's own templates (with its alternatives).
        /// </summary>
        private DemoIdentity Identity(DemoSubtype subtype, Platform platform, DemoNameForm form, NameParts parts, string? title = null, string? venue = null)
        {
            var place = form.Place switch
            {
                DemoPlaceKind.Town => TownPlace(parts.Town ?? throw Missing("town")),
                DemoPlaceKind.District => DistrictPlace(parts.District ?? throw Missing("district")),
                DemoPlaceKind.Village => VillagePlace(parts.Village ?? throw Missing("village")),
                DemoPlaceKind.Capital => TownPlace(region.Capital),
                _ => RegionPlace(),
            };
            var speaker = form.Speaker is null ? null : Fill(form.Speaker, parts);
            return new(Fill(title ?? form.Title, parts), Fill(form.Slug, parts), subtype, platform, place, Fill(venue ?? form.Venue, parts), parts.Topic, Speaker: speaker);

            InvalidDataException Missing(string what) => new($"{subtype}: «{form.Title}» is in a {what}, but none was drawn.");
        }

        /// <summary>Expands the placeholders of a name template (<see cref="DemoOrganisations.NamePlaceholders"/>).</summary>
        private string Fill(string template, NameParts parts)
        {
            if (!template.Contains('{', StringComparison.Ordinal))
            {
                return template;
            }

            var result = new StringBuilder(template.Length + 32);
            var start = 0;
            for (var open = template.IndexOf('{', StringComparison.Ordinal); open >= 0; open = template.IndexOf('{', start))
            {
                var close = template.IndexOf('}', open);
                result.Append(template, start, open - start).Append(Value(template[(open + 1)..close]));
                start = close + 1;
            }

            return result.Append(template, start, template.Length - start).ToString();

            string Value(string placeholder) => placeholder switch
            {
                "region.genitive" => region.Genitive,
                "region.prepositional" => region.Prepositional,
                "region.slug" => region.Slug,
                "region.suffix" => region.InstitutionSuffix,
                "region.feminine" => region.RegionalFeminine,
                "region.masculine" => region.RegionalMasculine,
                "region.leader" => region.Leader,
                "region.legislature" => region.Legislature,
                "region.ministry" => region.Ministry,
                "capital.genitive" => region.Capital.Genitive,
                "capital.slug" => region.Capital.Slug,
                "town.genitive" => Drawn(parts.Town).Genitive,
                "town.adjective" => Drawn(parts.Town).Adjective,
                "town.slug" => Drawn(parts.Town).Slug,
                "district.adjective" => Drawn(parts.District).Adjective,
                "district.genitive" => Drawn(parts.District).Genitive,
                "district.dative" => Drawn(parts.District).Dative,
                "district.feminine" => Drawn(parts.District).Feminine,
                "district.neuter" => Drawn(parts.District).Neuter,
                "district.slug" => Drawn(parts.District).Slug,
                "village.name" => Drawn(parts.Village).Name,
                "village.slug" => Drawn(parts.Village).Slug,
                "n" => (parts.Number ?? throw NotDrawn()).ToString(CultureInfo.InvariantCulture),
                "name" => Drawn(parts.Name).Name,
                "name.slug" => Drawn(parts.Name).Slug,
                "kind" => Drawn(parts.Kind).Name,
                "kind.slug" => Drawn(parts.Kind).Slug,
                "adjective" => Drawn(parts.Adjective),
                _ => throw new InvalidDataException($"Unknown placeholder {{{placeholder}}} in «{template}»."),
            };

            T Drawn<T>(T? value)
                where T : class => value ?? throw NotDrawn();

            InvalidDataException NotDrawn() => new($"«{template}» needs a value that was not drawn for it.");
        }

        private DemoIdentity Draw(ref DemoRandom rng, DemoSubtype subtype, Platform platform)
        {
            var inTown = rng.Chance(region.UrbanShare);
            var parts = new NameParts();
            switch (subtype)
            {
                case DemoSubtype.School when inTown:
                {
                    parts.Town = Town(ref rng);
                    parts.Number = rng.Next(1, parts.Town.Schools + 1);
                    var form = PickForm(ref rng, FormsAt(subtype, DemoPlaceKind.Town));
                    return Named(ref rng, subtype, platform, form, parts, venue: rng.Chance(0.5) ? form.Venue : form.AlternativeVenue);
                }

                case DemoSubtype.School:
                {
                    parts.Village = Village(ref rng);
                    var form = FormAt(subtype, DemoPlaceKind.Village);
                    return Named(ref rng, subtype, platform, form, parts, title: rng.Chance(0.85) ? form.Title : form.AlternativeTitle);
                }

                case DemoSubtype.Kindergarten when inTown:
                    parts.Town = Town(ref rng);
                    parts.Number = rng.Next(1, parts.Town.Kindergartens + 1);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.Kindergarten:
                    parts.Village = Village(ref rng);
                    parts.Name = rng.Pick(organisations.KindergartenNames);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Village), parts);

                case DemoSubtype.College:
                    parts.Town = Town(ref rng);
                    parts.Name = rng.Pick(organisations.CollegeProfiles);
                    parts.Kind = organisations.CollegeKinds[rng.Chance(0.6) ? 0 : 1];
                    parts.Adjective = parts.Town == region.Capital && rng.Chance(0.5) ? region.BrandMasculine : parts.Town.Adjective;
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.ExtraEducation:
                case DemoSubtype.Utility:
                    parts.Town = Town(ref rng);
                    parts.District = District(ref rng);
                    return Named(ref rng, subtype, platform, PickForm(ref rng, organisations.Names[subtype]), parts);

                case DemoSubtype.Library:
                    parts.Village = Village(ref rng);
                    parts.Town = Town(ref rng);
                    parts.District = District(ref rng);
                    return Named(ref rng, subtype, platform, PickForm(ref rng, organisations.Names[subtype]), parts);

                case DemoSubtype.HouseOfCulture:
                    parts.Village = Village(ref rng);
                    parts.Town = SmallTown(ref rng);
                    parts.District = District(ref rng);
                    return Named(ref rng, subtype, platform, PickForm(ref rng, organisations.Names[subtype]), parts);

                case DemoSubtype.OtherBody:
                    parts.District = District(ref rng);
                    return Named(ref rng, subtype, platform, PickForm(ref rng, organisations.Names[subtype]), parts);

                // In a town when the page is in town, otherwise in a district (below); some never in the capital.
                case DemoSubtype.EducationOffice or DemoSubtype.EmploymentCentre or DemoSubtype.SportSchool or DemoSubtype.YouthCentre when inTown:
                    parts.Town = Town(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.Museum or DemoSubtype.MunicipalHead or DemoSubtype.Council or DemoSubtype.Hospital when inTown:
                    parts.Town = SmallTown(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.EducationOffice or DemoSubtype.EmploymentCentre or DemoSubtype.SportSchool or DemoSubtype.YouthCentre:
                case DemoSubtype.Museum or DemoSubtype.MunicipalHead or DemoSubtype.Council or DemoSubtype.Hospital:
                case DemoSubtype.CultureCentre or DemoSubtype.DistrictAdministration or DemoSubtype.SocialService or DemoSubtype.SocialOffice:
                case DemoSubtype.GtoCentre:
                    parts.District = District(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.District), parts);

                case DemoSubtype.Settlement:
                {
                    parts.Village = Village(ref rng);
                    var form = FormAt(subtype, DemoPlaceKind.Village);
                    return Named(ref rng, subtype, platform, form, parts, title: rng.Chance(0.7) ? form.Title : form.AlternativeTitle);
                }

                case DemoSubtype.CityAdministration:
                    parts.Town = SmallTown(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.Mfc:
                    parts.Town = Town(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.Polyclinic:
                    if (rng.Chance(0.6))
                    {
                        return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Capital), parts);
                    }

                    parts.Town = Town(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.HealthCentre or DemoSubtype.SportComplex when inTown:
                    parts.Town = Town(ref rng);
                    if (subtype == DemoSubtype.SportComplex)
                    {
                        parts.Name = rng.Pick(organisations.SportNames);
                    }

                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.HealthCentre or DemoSubtype.SportComplex:
                    parts.Village = Village(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Village), parts);

                case DemoSubtype.YouthCouncil:
                    parts.District = District(ref rng);
                    if (rng.Chance(0.5))
                    {
                        return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.District), parts);
                    }

                    parts.Town = Town(ref rng);
                    return Named(ref rng, subtype, platform, FormAt(subtype, DemoPlaceKind.Town), parts);

                case DemoSubtype.Ministry:
                    return Ministry(rng.Pick(organisations.Ministries), platform);

                default:
                    return Named(ref rng, DemoSubtype.RegionalAgency, platform, PickForm(ref rng, organisations.Names[DemoSubtype.RegionalAgency]), parts);
            }
        }

        private DemoIdentity Ministry(DemoMinistry ministry, Platform platform) => Identity(
            DemoSubtype.Ministry,
            platform,
            FormAt(DemoSubtype.Ministry, DemoPlaceKind.Region),
            new NameParts { Name = new DemoNamed(ministry.Name, ministry.Slug), Topic = ministry.Topic });

        /// <summary>
        /// The fixed regional pages, in the order they take the anchor slots. A federal city is its own capital, so the capital's
        /// pages (city administration, mayor) would repeat the region's and are left out.
        /// </summary>
        public DemoIdentity[] Anchors() =>
            organisations.Anchors.Where(anchor => !(region.IsFederalCity && anchor.Place == DemoPlaceKind.Capital)).Select(Anchor).ToArray();

        private DemoIdentity Anchor(DemoAnchor anchor)
        {
            if (anchor.Ministry is { } slug)
            {
                var ministry = Ministry(organisations.Ministry(slug), anchor.Platform);
                var suffix = anchor.Platform == Platform.Vk ? "" : anchor.Platform == Platform.Ok ? "_ok" : "_tg";
                return ministry with { Slug = ministry.Slug + suffix };
            }

            var form = new DemoNameForm(anchor.Place, anchor.Title!, anchor.Slug!, anchor.Venue, Speaker: anchor.Speaker);
            return Identity(anchor.Subtype!.Value, anchor.Platform, form, new NameParts()) with
            {
                AudienceMedian = anchor.AudienceMedian,
                PostsPerWeek = anchor.PostsPerWeek,
                BroadcastsPer30Days = anchor.BroadcastsPer30Days,
            };
        }
    }
}
