namespace GosAnalytics.ContentQuality;

/// <summary>
/// What the content-quality model sees of one post: its own text, its attachments, its format and when it was published.
/// Audience size and counters are deliberately absent: content quality must not depend on how big the page is.
/// </summary>
/// <param name="Text">The post's own text (empty for a repost without a comment or a media-only post).</param>
/// <param name="Photos">Attached photos.</param>
/// <param name="Videos">Attached videos (clips, recordings of broadcasts).</param>
/// <param name="Links">Link attachments (link cards); URLs written in the text are counted separately.</param>
/// <param name="Documents">Attached documents (PDF, DOCX, …).</param>
/// <param name="Polls">Attached polls.</param>
/// <param name="OtherAttachments">Every other attachment (audio, articles, podcasts, …).</param>
/// <param name="IsRepost">The post shares another page's post.</param>
/// <param name="IsBroadcast">The post is (or announces) a live broadcast.</param>
/// <param name="PublishedAt">The publication instant; features use its Moscow time.</param>
public sealed record PostContent(
    string Text,
    int Photos,
    int Videos,
    int Links,
    int Documents,
    int Polls,
    int OtherAttachments,
    bool IsRepost,
    bool IsBroadcast,
    DateTimeOffset PublishedAt)
{
    /// <summary>A post with text only: no attachments, not a repost, not a broadcast.</summary>
    public static PostContent FromText(string text, DateTimeOffset publishedAt) =>
        new(text, 0, 0, 0, 0, 0, 0, IsRepost: false, IsBroadcast: false, publishedAt);
}
