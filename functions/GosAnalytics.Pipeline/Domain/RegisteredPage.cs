namespace GosAnalytics.Pipeline.Domain;

/// <summary>A page as analysts registered it: what to collect and how to group it.</summary>
public sealed record RegisteredPage(
    Platform Platform,
    string PageId,
    string ScreenName,
    int RegionCode,
    OrganisationKind Kind)
{
    public PageKey Key => new(Platform, PageId);
}
