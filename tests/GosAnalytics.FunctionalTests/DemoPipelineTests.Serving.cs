using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GosAnalytics.FunctionalTests;

public sealed partial class DemoPipelineTests
{
    public static TheoryData<string> ReadRoutes => new()
    {
        "rankings?top=50",
        "rankings?region=28&sort=engagement&platform=vk",
        "rankings?format=csv",
        "regions",
        "regions/28?period=month",
        "posts/top?sort=views",
        "broadcasts/top",
        "runs/latest",
        "openapi.json",
        "dashboard",
    };

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task A_read_answer_carries_an_etag_and_asking_again_with_it_gets_304_without_a_body(string route)
    {
        using var first = await pipeline.Http.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await pipeline.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, route);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-answer\""));
        using var third = await pipeline.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Read_answers_are_compressed_for_clients_that_accept_it_and_decompress_to_the_same_body(string encoding)
    {
        using var plain = await pipeline.Http.GetAsync("rankings?top=100");
        var body = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        using var request = new HttpRequestMessage(HttpMethod.Get, "rankings?top=100");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var compressed = await pipeline.Http.SendAsync(request);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < body.Length / 3, $"{bytes.Length} compressed bytes for {body.Length}.");

        await using var stream = encoding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await stream.CopyToAsync(decompressed);
        Assert.Equal(body, decompressed.ToArray());
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
    }

    [Fact]
    public async Task The_same_question_with_its_parameters_in_another_order_gets_the_same_answer()
    {
        using var first = await pipeline.Http.GetAsync("rankings?platform=vk&sort=reach&top=7");
        using var second = await pipeline.Http.GetAsync("rankings?top=7&SORT=reach&platform=vk");
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        using var other = await pipeline.Http.GetAsync("rankings?platform=vk&sort=reach&top=8");
        Assert.NotEqual(first.Headers.ETag, other.Headers.ETag);
    }

    [Fact]
    public async Task A_page_profile_lists_the_pages_posts_of_the_period_newest_first_with_their_content_scores()
    {
        var top = await pipeline.Http.GetFromJsonAsync<JsonElement>("rankings?top=1&sort=activity");
        var page = top.GetProperty("items")[0];
        var profile = await pipeline.Http.GetFromJsonAsync<JsonElement>($"pages/{page.GetProperty("platform").GetString()}/{page.GetProperty("pageId").GetString()}?period=week");

        var posts = profile.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(page.GetProperty("metrics").GetProperty("posts").GetInt32(), posts.Count);
        var published = posts.Select(p => p.GetProperty("publishedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
        Assert.All(posts, p => Assert.Equal(JsonValueKind.Number, p.GetProperty("contentScore").ValueKind));
        Assert.Equal(page.GetProperty("rank").GetInt32(), profile.GetProperty("current").GetProperty("nationalRank").GetInt32());
    }
}
