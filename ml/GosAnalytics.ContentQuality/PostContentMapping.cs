using GosAnalytics.Core.Domain;

namespace GosAnalytics.ContentQuality;

/// <summary>The one mapping from a collected <see cref="Post"/> to what the content-quality model sees of it.</summary>
public static class PostContentMapping
{
    /// <summary>The post's text, attachments, repost flag and time; counters and audience stay out.</summary>
    public static PostContent ToContent(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var attachments = post.Attachments;
        return new PostContent(
            post.Text ?? string.Empty,
            Photos: attachments.GetValueOrDefault(AttachmentKind.Photo),
            Videos: attachments.GetValueOrDefault(AttachmentKind.Video),
            Links: attachments.GetValueOrDefault(AttachmentKind.Link),
            Documents: attachments.GetValueOrDefault(AttachmentKind.Document),
            Polls: attachments.GetValueOrDefault(AttachmentKind.Poll),
            OtherAttachments: attachments.GetValueOrDefault(AttachmentKind.Audio) + attachments.GetValueOrDefault(AttachmentKind.Other),
            post.IsRepost,
            IsBroadcast: false, // broadcasts are collected as LiveBroadcast records, not posts
            post.PublishedAt);
    }
}
