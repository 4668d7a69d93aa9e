using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Core.Scoring;

/// <summary>
/// Turns the metrics of all pages of one period of one run into component scores (0–100) and the quality index
/// (docs/metrics.md §4–§5). Peer-normalised components are mid-rank percentiles within the page's peer group
/// (platform, audience band, kind of organisation), falling back to (platform, band) and then (platform) when a
/// group has fewer than <see cref="IndexOptions.MinPeerGroupSize"/> pages. The result does not depend on input order.
/// Thread-safe: an instance holds only immutable settings.
/// </summary>
public sealed class PageScorer
{
    // Weight of the speed part of responsiveness; the answered share carries the rest.
    private const double AnswerSpeedShare = 0.3;

    private readonly string[] _names;
    private readonly ComponentId[] _components;
    private readonly double[] _weights;
    private readonly int _minPeerGroupSize;
    private readonly double _postingNormPerWeek;
    private readonly double _answerTimeTargetHours;
    private readonly double _answerTimeLimitHours;

    /// <summary>Creates a scorer; the options are validated and copied.</summary>
    /// <exception cref="ArgumentException"><see cref="IndexOptions.Validate"/> reports errors.</exception>
    public PageScorer(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid index options: " + string.Join(" ", errors), nameof(options));
        }

        _names = [.. IndexComponents.All];
        if (_names.Length > 64)
        {
            // The set of components used by a page is kept as a 64-bit mask.
            throw new NotSupportedException("At most 64 index components are supported.");
        }

        _components = new ComponentId[_names.Length];
        _weights = new double[_names.Length];
        for (var c = 0; c < _names.Length; c++)
        {
            _components[c] = IdOf(_names[c]);
            _weights[c] = options.WeightOf(_names[c]);
        }

        _minPeerGroupSize = options.MinPeerGroupSize;
        _postingNormPerWeek = options.PostingNormPerWeek;
        _answerTimeTargetHours = options.AnswerTimeTargetHours;
        _answerTimeLimitHours = options.AnswerTimeLimitHours;
    }

    private enum ComponentId
    {
        NotComputed,
        Engagement,
        Reach,
        Activity,
        Responsiveness,
        Growth,
        Compliance,
        ContentQuality,
    }

    private enum PeerMetric
    {
        ErViews,
        ReachRate,
        SubscriberGrowth,
        ContentQuality,
    }

    /// <summary>
    /// Scores every page. <paramref name="pages"/> must be all pages of one period of one run (the whole country), because
    /// percentiles are relative to the set. Returns one <see cref="ScoredPage"/> per input, in input order.
    /// </summary>
    public IReadOnlyList<ScoredPage> Score(IReadOnlyList<PageMetrics> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);

        var groupOfPage = AssignPeerGroups(pages, out var usedGroups);
        var peerScores = RankWithinPeerGroups(pages, groupOfPage, usedGroups);

        // Pages share the few distinct lists of components used, so the lists are built once per combination.
        var usedLists = new Dictionary<ulong, IReadOnlyList<string>>();
        var result = new ScoredPage[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var values = new double[_names.Length];
            double weighted = 0, weightSum = 0;
            var usedMask = 0UL;
            for (var c = 0; c < _names.Length; c++)
            {
                if (ComponentScore(_components[c], page, i, peerScores) is not { } score)
                {
                    values[c] = double.NaN;
                    continue;
                }

                values[c] = Round(score);
                if (_weights[c] > 0)
                {
                    // Unrounded scores: rounding happens once, at the end.
                    weighted += _weights[c] * score;
                    weightSum += _weights[c];
                    usedMask |= 1UL << c;
                }
            }

            // Renormalise over the components present, so a page is not punished for what cannot be measured.
            var index = weightSum > 0 ? Round(weighted / weightSum) : 0;
            if (!usedLists.TryGetValue(usedMask, out var used))
            {
                used = Array.AsReadOnly(_names.Where((_, c) => (usedMask & (1UL << c)) != 0).ToArray());
                usedLists.Add(usedMask, used);
            }

            result[i] = new ScoredPage(page, groupOfPage[i].Name, new ComponentScores(_names, values), index, used);
        }

        return result;
    }

    private static ComponentId IdOf(string component) => component switch
    {
        IndexComponents.Engagement => ComponentId.Engagement,
        IndexComponents.Reach => ComponentId.Reach,
        IndexComponents.Activity => ComponentId.Activity,
        IndexComponents.Responsiveness => ComponentId.Responsiveness,
        IndexComponents.Growth => ComponentId.Growth,
        IndexComponents.Compliance => ComponentId.Compliance,
        IndexComponents.ContentQuality => ComponentId.ContentQuality,
        _ => ComponentId.NotComputed, // a component computed elsewhere or not yet: always absent here
    };

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private double? ComponentScore(ComponentId component, PageMetrics page, int pageIndex, double[][] peerScores) =>
        component switch
        {
            // No posts in the period: no content reached anyone, which is a measured zero, not a gap. A platform that reports no
            // likes or reposts (MAX) has no engagement to measure, posts or not.
            ComponentId.Engagement => !page.Page.Platform.ReportsInteractions() ? null
                : page.Posts == 0 ? 0 : PeerScore(peerScores, PeerMetric.ErViews, pageIndex),
            ComponentId.Reach => page.Posts == 0 ? 0 : PeerScore(peerScores, PeerMetric.ReachRate, pageIndex),
            ComponentId.Activity => 100 * Math.Clamp(page.PostsPerWeek / _postingNormPerWeek, 0, 1),
            ComponentId.Responsiveness => Responsiveness(page),
            ComponentId.Growth => PeerScore(peerScores, PeerMetric.SubscriberGrowth, pageIndex),
            ComponentId.Compliance => 100 * Math.Clamp(page.ProfileCompleteness, 0, 1),
            // Absent when the batch was not scored by a model; no posts is a measured zero, as for engagement.
            ComponentId.ContentQuality => page.Posts == 0 ? (page.ContentModelVersion is null ? null : 0) : PeerScore(peerScores, PeerMetric.ContentQuality, pageIndex),
            _ => null,
        };

    /// <summary>100 × (0.7 × answered share + 0.3 × speed); absent when no citizen commented.</summary>
    private double? Responsiveness(PageMetrics page)
    {
        if (page.CitizenComments <= 0)
        {
            return null;
        }

        var share = Math.Clamp(page.AnsweredShare ?? 0, 0, 1);
        return 100 * (((1 - AnswerSpeedShare) * share) + (AnswerSpeedShare * AnswerSpeed(page.MedianAnswerHours)));
    }

    /// <summary>1 at or below the target time, 0 at or above the limit (or with no answers), log-linear in between.</summary>
    private double AnswerSpeed(double? medianAnswerHours)
    {
        if (medianAnswerHours is not { } hours || double.IsNaN(hours) || hours >= _answerTimeLimitHours)
        {
            return 0;
        }

        if (hours <= _answerTimeTargetHours)
        {
            return 1;
        }

        // Log scale: going from 1 h to 2 h costs as much as going from 12 h to 24 h.
        return 1 - (Math.Log(hours / _answerTimeTargetHours) / Math.Log(_answerTimeLimitHours / _answerTimeTargetHours));
    }

    private static double? PeerScore(double[][] peerScores, PeerMetric metric, int pageIndex)
    {
        var score = peerScores[(int)metric][pageIndex];
        return double.IsNaN(score) ? null : score;
    }

    /// <summary>
    /// Percentile of every page's value of every peer metric within the group it was assigned: each used group is
    /// sorted once per metric. Result[metric][page] is NaN where the page has no value.
    /// </summary>
    private static double[][] RankWithinPeerGroups(IReadOnlyList<PageMetrics> pages, PeerGroup[] groupOfPage, List<PeerGroup> usedGroups)
    {
        var metrics = Enum.GetValues<PeerMetric>();
        var result = new double[metrics.Length][];
        for (var m = 0; m < metrics.Length; m++)
        {
            result[m] = new double[pages.Count];
            Array.Fill(result[m], double.NaN);
        }

        var largest = usedGroups.Count == 0 ? 0 : usedGroups.Max(g => g.Members.Count);
        var values = new double[largest];
        var owners = new int[largest];
        var scores = new double[largest];
        foreach (var group in usedGroups)
        {
            foreach (var metric in metrics)
            {
                var count = 0;
                foreach (var member in group.Members)
                {
                    if (PeerValue(pages[member], metric) is { } value)
                    {
                        values[count] = value;
                        owners[count] = member;
                        count++;
                    }
                }

                var sortedValues = values.AsSpan(0, count);
                var sortedOwners = owners.AsSpan(0, count);
                sortedValues.Sort(sortedOwners);
                MidRankPercentile.ScoreSorted(sortedValues, scores);

                // A fallback group also holds pages ranked in their own finer group: only its assignees take its scores.
                var target = result[(int)metric];
                for (var j = 0; j < count; j++)
                {
                    if (ReferenceEquals(groupOfPage[sortedOwners[j]], group))
                    {
                        target[sortedOwners[j]] = scores[j];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The value a page is ranked by, or null when it takes no part in that ranking.</summary>
    private static double? PeerValue(PageMetrics page, PeerMetric metric)
    {
        var value = metric switch
        {
            // Pages without posts score 0 directly and stay out of the ranking population.
            PeerMetric.ErViews => page.Posts > 0 ? page.ErViewsMedian : null,
            PeerMetric.ReachRate => page.Posts > 0 ? page.ReachRateMedian : null,
            PeerMetric.SubscriberGrowth => page.SubscriberGrowth,
            PeerMetric.ContentQuality => page.Posts > 0 ? page.ContentQualityMedian : null,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>Assigns every page the peer group it is ranked in: the finest level with enough pages.</summary>
    private PeerGroup[] AssignPeerGroups(IReadOnlyList<PageMetrics> pages, out List<PeerGroup> usedGroups)
    {
        var groups = new Dictionary<PeerKey, PeerGroup>();
        var fullKeys = new PeerKey[pages.Count];

        // Every page belongs to its group at all three levels: a fallback group holds the whole (platform, band) or platform.
        for (var i = 0; i < pages.Count; i++)
        {
            var info = pages[i].Page;
            var band = AudienceBands.IndexOf(info.Subscribers);
            fullKeys[i] = new PeerKey(info.Platform, band, (int)info.Kind);
            Join(groups, fullKeys[i], i);
            Join(groups, fullKeys[i] with { Kind = PeerKey.Any }, i);
            Join(groups, new PeerKey(info.Platform, PeerKey.Any, PeerKey.Any), i);
        }

        var assigned = new PeerGroup[pages.Count];
        usedGroups = [];
        for (var i = 0; i < pages.Count; i++)
        {
            var full = groups[fullKeys[i]];
            var platformBand = groups[fullKeys[i] with { Kind = PeerKey.Any }];
            var group = full.Members.Count >= _minPeerGroupSize ? full
                : platformBand.Members.Count >= _minPeerGroupSize ? platformBand
                : groups[new PeerKey(fullKeys[i].Platform, PeerKey.Any, PeerKey.Any)];

            assigned[i] = group;
            if (!group.IsUsed)
            {
                group.IsUsed = true;
                usedGroups.Add(group);
            }
        }

        return assigned;
    }

    private static void Join(Dictionary<PeerKey, PeerGroup> groups, PeerKey key, int pageIndex)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = new PeerGroup(key.ToName());
            groups.Add(key, group);
        }

        group.Members.Add(pageIndex);
    }

    /// <summary>Peer-group key; <see cref="Any"/> on an axis the group does not restrict.</summary>
    private readonly record struct PeerKey(Platform Platform, int Band, int Kind)
    {
        public const int Any = -1;

        public string ToName() => PeerGroups.Name(
            Platform,
            Band == Any ? null : AudienceBands.All[Band],
            Kind == Any ? null : (OrganisationKind)Kind);
    }

    /// <summary>The pages of one peer group (at any level), and whether any page is ranked in it.</summary>
    private sealed class PeerGroup(string name)
    {
        public string Name { get; } = name;

        public List<int> Members { get; } = [];

        public bool IsUsed { get; set; }
    }
}
