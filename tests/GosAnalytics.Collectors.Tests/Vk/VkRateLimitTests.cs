using System.Net.Http.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.FakePlatforms;

namespace GosAnalytics.Collectors.Tests.Vk;

/// <summary>Alone in its collection: the fake counts arrivals, and other tests' load would add jitter between send and arrival.</summary>
[Collection(nameof(VkRateLimitTests))]
[CollectionDefinition(nameof(VkRateLimitTests), DisableParallelization = true)]
public sealed class VkRateLimitTests
{
    [Fact]
    public async Task The_fake_answers_error_6_when_a_token_sends_faster_than_its_rate()
    {
        await using var fake = new FakeVk();
        await fake.StartAsync();
        fake.AddToken("unpaced", "service", requestsPerSecond: 5);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => http.PostAsync(
            "groups.getById",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = "unpaced", ["v"] = "5.199", ["group_ids"] = "1" }))));

        Assert.True(fake.TooManyRequestsAnswers >= 7);
        var first = await answers[0].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(first.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Concurrent_batches_sharing_one_token_never_exceed_its_rate()
    {
        await using var vk = await VkHarness.StartAsync([("shared-token", "service", 20)]);
        var pages = new List<RegisteredPage>();
        for (var i = 0; i < 12; i++)
        {
            var group = vk.Fake.AddGroup(new FakeVkGroup(5000 + i, $"p{5000 + i}", "Страница"));
            for (var p = 0; p < 4; p++)
            {
                group.AddPost(p + 1, VkHarness.InWindow(p), "Новость", comments: 1);
                group.AddCitizenComment(p + 1, 10 + p, 42, VkHarness.InWindow(p, 13));
            }

            pages.Add(VkHarness.Page((5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Six workers at once, each with a batch of two pages: about 24 requests that all want the same token.
        var batches = await Task.WhenAll(pages.Chunk(2).Select(chunk => vk.CollectAsync(chunk)));

        Assert.Equal(12, batches.Sum(b => b.Pages.Count));
        Assert.True(vk.Fake.Requests >= 18);
        Assert.Equal(0, vk.Fake.TooManyRequestsAnswers);
        Assert.Equal(0, vk.Api.TooManyRequestsAnswers);
    }
}
