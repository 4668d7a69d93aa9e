using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Pipeline.Serve;
using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.TestSupport;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The content table and the stored unanswered comments keep the address a platform gave a post, and answers serve it first.</summary>
public sealed class ContentTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly RunStamp Run = new("2026-11-20", 1, new DateOnly(2026, 11, 20), "demo", true, new DateTimeOffset(2026, 11, 21, 0, 30, 0, TimeSpan.Zero));

    private const string MaxPostUrl = "https://max.ru/minobr28/AZvGd2khRSE";

    private static readonly ContentPostEntry[] Posts =
    [
        // A VK page registered by a custom screen name: only the post's owner_id gives its wall link.
        Entry(new ContentPage(Platform.Vk, "mygroup", "Отдел культуры", 28, OrganisationKind.Culture, "mygroup"), "64017", 90, "https://vk.com/wall-30123456_64017"),
        Entry(new ContentPage(Platform.Max, "-70801090403050", "Минобрнауки", 28, OrganisationKind.RegionalAuthority, "minobr28"), "mid.0000406a1b2c00000fa1", 80, MaxPostUrl),
        Entry(new ContentPage(Platform.Ok, "70000012345678", "Дом культуры", 28, OrganisationKind.Culture, "group70000012345678"), "150000012064017", 70, null),
    ];

    [Fact]
    public async Task A_post_s_own_address_survives_the_content_table_through_storage_and_answers_serve_it_before_a_composed_one()
    {
        var table = ContentTable.Build(Run, Period.Week, 28, Posts, []);
        var blobs = new PackedBlobStore(azurite.Storage);

        await blobs.WriteAsync(StorageNames.RankingsContainer, "test/content.table.gz", table, CancellationToken.None);
        var read = (await blobs.ReadAsync<ContentTable>(StorageNames.RankingsContainer, "test/content.table.gz", CancellationToken.None))!;

        Assert.Equal(Posts.Select(p => p.Post.Url), Enumerable.Range(0, read.PostCount).Select(i => read.PostAt(i).Post.Url));
        Assert.Equal(
            ["https://vk.com/wall-30123456_64017", MaxPostUrl, "https://ok.ru/group/70000012345678/topic/150000012064017"],
            Enumerable.Range(0, read.PostCount).Select(i => new TopPostItem(i + 1, read.PostAt(i).Page, read.PostAt(i).Post).Url));
    }

    [Fact]
    public void A_content_table_written_before_post_addresses_reads_with_none_and_answers_compose_what_they_can()
    {
        var table = ContentTable.Build(Run, Period.Week, 28, Posts, []);

        // The format before: the same members without the last one (MemoryPack's object header counts them; an empty array is 4 bytes).
        table.PostUrls = [];
        var bytes = MemoryPack.MemoryPackSerializer.Serialize(table);
        bytes[0] -= 1;
        var old = MemoryPack.MemoryPackSerializer.Deserialize<ContentTable>(bytes.AsSpan(0, bytes.Length - 4))!;

        Assert.Equal(Posts.Select(p => p.Post.PostId), Enumerable.Range(0, old.PostCount).Select(i => old.PostAt(i).Post.PostId));
        Assert.All(Enumerable.Range(0, old.PostCount), i => Assert.Null(old.PostAt(i).Post.Url));
        Assert.Equal(
            [null, null, "https://ok.ru/group/70000012345678/topic/150000012064017"],
            Enumerable.Range(0, old.PostCount).Select(i => new TopPostItem(i + 1, old.PostAt(i).Page, old.PostAt(i).Post).Url));
    }

    [Fact]
    public void An_answer_writes_one_url_the_resolved_one_and_stored_comments_without_an_address_still_read()
    {
        var item = new TopPostItem(1, Posts[1].Page, Posts[1].Post);
        var json = JsonSerializer.SerializeToElement(item, JsonConventions.Options);
        Assert.Equal(MaxPostUrl, json.GetProperty("url").GetString());
        Assert.Single(json.EnumerateObject(), p => p.Name == "url");

        var page = new ContentPage(Platform.Vk, "30123456", "Минобрнауки", 28, OrganisationKind.RegionalAuthority, "minobr28");
        var comment = JsonSerializer.SerializeToElement(
            new UnansweredCommentItem(1, page, new PendingComment("5", "64017", Run.GeneratedAt, "Вопрос"), 3.5), JsonConventions.Options);
        Assert.Equal("https://vk.com/wall-30123456_64017", comment.GetProperty("url").GetString());

        // A comment stored before it carried its post's address: it reads with none, and writing one without an address leaves the field out.
        var stored = JsonSerializer.Deserialize<PendingComment>("""{"commentId":"5","postId":"mid.1","postedAt":"2026-11-20T10:00:00+00:00","text":"Вопрос"}""", JsonConventions.Options)!;
        Assert.Null(stored.Url);
        Assert.DoesNotContain("\"url\"", JsonSerializer.Serialize(stored, JsonConventions.Options), StringComparison.Ordinal);
        var linked = stored with { Url = MaxPostUrl };
        Assert.Equal(linked, JsonSerializer.Deserialize<PendingComment>(JsonSerializer.Serialize(linked, JsonConventions.Options), JsonConventions.Options));
    }

    private static ContentPostEntry Entry(ContentPage page, string postId, long interactions, string? url) =>
        new(page, new ContentPost(postId, Run.GeneratedAt.AddDays(-1), "Текст", new Dictionary<string, int>(), false, 1_000, interactions, 0, 0, interactions, interactions / 1_000.0, Url: url));
}
