using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

/// <summary>A page as analysts registered it: what to collect and how to group it.</summary>
/// <param name="Unavailable">Set when the platform last said the page cannot be read (deleted, banned, closed); null while it is fine.</param>
public sealed record RegisteredPage(
    Platform Platform,
    string PageId,
    string ScreenName,
    int RegionCode,
    OrganisationKind Kind,
    PageUnavailability? Unavailable = null)
{
    public PageKey Key => new(Platform, PageId);

    /// <summary>The municipal district or city okrug the page belongs to (normalised: trimmed, single spaces); null for regional bodies.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Municipality { get; init; }

    /// <summary>The identifier that links the pages of one organisation across platforms (its ИНН, ОГРН or any stable id); null when unlinked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganisationId { get; init; }

    /// <summary>The organisation's display name as registered; null when the registry gives none (its pages' names stand in).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganisationName { get; init; }

    /// <summary>True when the page failed permanently on an earlier day and its next check is still ahead: the run leaves it out.</summary>
    public bool IsRestingOn(DateOnly metricDay) =>
        Unavailable is { } unavailable && unavailable.LastFailedOn < metricDay && unavailable.RecheckOn > metricDay;
}

/// <summary>
/// Why a page could not be collected and when it is tried again. Each further permanent failure doubles the rest
/// (7, 14, 28 … days, at most <see cref="MaxRestDays"/>), so a dead page costs a request now and then, not every day.
/// </summary>
public sealed record PageUnavailability(string Reason, DateOnly Since, DateOnly LastFailedOn, DateOnly RecheckOn, int Failures)
{
    public const int MaxRestDays = 90;

    /// <summary>
    /// The record after a permanent failure on <paramref name="metricDay"/>. The same day twice counts once, and a rerun of a
    /// day before the last failure leaves the record as it is: reruns in any order end the same.
    /// </summary>
    public static PageUnavailability After(PageUnavailability? previous, string reason, DateOnly metricDay, int firstRestDays)
    {
        if (previous is not null && metricDay <= previous.LastFailedOn)
        {
            return metricDay == previous.LastFailedOn ? previous with { Reason = reason } : previous;
        }

        var failures = (previous?.Failures ?? 0) + 1;
        var rest = (int)Math.Min(MaxRestDays, firstRestDays * Math.Pow(2, failures - 1));
        return new PageUnavailability(reason, previous?.Since ?? metricDay, metricDay, metricDay.AddDays(rest), failures);
    }
}
