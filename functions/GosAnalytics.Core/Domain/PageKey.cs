namespace GosAnalytics.Core.Domain;

/// <summary>Identity of a page across the pipeline: platform plus the platform's own page id.</summary>
public readonly record struct PageKey(Platform Platform, string PageId)
{
    /// <summary>Table-safe key, e.g. <c>vk_123456</c> (no '/', '\', '#', '?').</summary>
    public string ToStorageKey() => $"{Platform.ToCode()}_{PageId}";

    public override string ToString() => $"{Platform.ToCode()}/{PageId}";
}
