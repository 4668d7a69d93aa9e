using GosAnalytics.Collectors.Ok;
using GosAnalytics.FakePlatforms;
using Microsoft.Extensions.Logging;
using static GosAnalytics.Collectors.Tests.Ok.OkHarness;

namespace GosAnalytics.Collectors.Tests.Ok;

/// <summary>How the OK source fails: which pages are skipped, permanently or not, with which reason — and that it never throws.</summary>
public class OkPageSourceFailureTests
{
    private const string GroupId = "53038939046008";

    [Fact]
    public async Task An_unknown_group_is_skipped_permanently_and_the_others_are_collected()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);

        var result = await ok.Source().CollectAsync(Request(Page(GroupId), Page("999")), CancellationToken.None);

        Assert.Equal(GroupId, Assert.Single(result.Pages).Page.PageId);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("999", true), (skipped.PageId, skipped.Permanent));
        Assert.Equal("OK group 999 not found", skipped.Reason);
    }

    [Fact]
    public async Task When_one_bad_id_fails_the_batch_s_group_getInfo_the_groups_are_asked_one_by_one()
    {
        await using var ok = await StartAsync();
        ok.AddGroup("1001");
        ok.AddGroup("1002");
        ok.Fake.GroupInfoErrors["1002"] = (160, "PARAM_GROUP_ID : Invalid group id");

        var result = await ok.Source().CollectAsync(Request(Page("1001"), Page("1002")), CancellationToken.None);

        Assert.Equal("1001", Assert.Single(result.Pages).Page.PageId);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(("1002", true), (skipped.PageId, skipped.Permanent));
        Assert.Contains("error 160 (PARAM_GROUP_ID)", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(3, ok.Fake.CallsOf("group.getInfo"));
    }

    [Fact]
    public async Task An_unknown_short_name_is_skipped_permanently_naming_the_page()
    {
        await using var ok = await StartAsync();

        var skipped = Assert.Single((await ok.Source().CollectAsync(Request(Page("no-such-page")), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Contains("'no-such-page'", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("300", skipped.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://ok.ru/profile/575000000001", "OK page 'https://ok.ru/profile/575000000001' is a user profile, not a group.")]
    [InlineData("https://ok.ru/dk?st.cmd=altGroupMain", "OK page 'https://ok.ru/dk?st.cmd=altGroupMain' is an OK section, not a group: copy the address of the group itself.")]
    [InlineData("https://vk.com/club123", "OK page 'https://vk.com/club123' is a VK address, not an OK one.")]
    [InlineData("https://ok.ru/", "OK page 'https://ok.ru/' has no group in it (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).")]
    public async Task A_page_id_that_names_no_group_is_skipped_permanently_without_asking_OK(string pageId, string reason)
    {
        await using var ok = await StartAsync();

        var skipped = Assert.Single((await ok.Source().CollectAsync(Request(Page(pageId)), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Equal(reason, skipped.Reason);
        Assert.Equal(0, ok.Fake.TotalCalls);
    }

    [Fact]
    public async Task A_short_name_of_a_person_is_skipped_permanently_as_not_a_group()
    {
        await using var ok = await StartAsync();
        ok.Fake.OtherObjects["ivan.petrov"] = ("575000000001", "USER");

        var skipped = Assert.Single((await ok.Source().CollectAsync(Request(Page("ivan.petrov")), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Equal("OK page 'ivan.petrov': https://ok.ru/ivan.petrov is an OK user, not a group.", skipped.Reason);
        Assert.Equal(0, ok.Fake.CallsOf("group.getInfo"));
    }

    [Fact]
    public async Task A_restricted_group_is_skipped_permanently()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.TopicErrors[GroupId] = (456, "GROUP_RESTRICTION : Group is closed");

        var skipped = Assert.Single((await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None)).Skipped);

        Assert.True(skipped.Permanent);
        Assert.Equal($"OK page '{GroupId}': OK error 456 (GROUP_RESTRICTION) in mediatopic.getTopics: GROUP_RESTRICTION : Group is closed", skipped.Reason);
    }

    [Fact]
    public async Task An_unlisted_error_skips_the_page_for_today_with_the_code_and_ok_s_message()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.TopicErrors[GroupId] = (7, "ACTION_BLOCKED : Action blocked");

        var skipped = Assert.Single((await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None)).Skipped);

        Assert.False(skipped.Permanent);
        Assert.Contains("OK error 7 (ACTION_BLOCKED) in mediatopic.getTopics: ACTION_BLOCKED : Action blocked", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(1, ok.Fake.CallsOf("mediatopic.getTopics"));
    }

    [Fact]
    public async Task An_expired_session_skips_every_page_with_a_clear_reason_and_a_notice_without_throwing()
    {
        await using var ok = await StartAsync();
        ok.AddGroup("1001");
        ok.AddGroup("1002");
        ok.Fake.SessionExpired = true;

        var result = await ok.Source().CollectAsync(Request(Page("1001"), Page("amurobl"), Page("1002")), CancellationToken.None);

        Assert.Empty(result.Pages);
        Assert.Equal(["1001", "amurobl", "1002"], result.Skipped.Select(s => s.PageId));
        Assert.All(result.Skipped, s => Assert.Equal(("OK session expired (error 102): renew Ok:AccessToken", false), (s.Reason, s.Permanent)));
        Assert.Contains("OK session expired (error 102): renew Ok:AccessToken", result.Notices!);
        // The first refusal ends the batch: every further call would be refused too.
        Assert.Equal(1, ok.Fake.TotalCalls);
        var critical = Assert.Single(ok.Logs.GetSnapshot(), e => e.Level == LogLevel.Critical);
        Assert.Contains("error 102", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_reported_as_a_rejected_signature()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);

        var result = await ok.Source(new Dictionary<string, string?> { ["Ok:ApplicationSecretKey"] = "not-the-secret" })
            .CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("OK rejected the request signature (error 104): check Ok:ApplicationSecretKey and Ok:AccessToken", skipped.Reason);
        Assert.False(skipped.Permanent);
        Assert.Contains(skipped.Reason, result.Notices!);
    }

    [Fact]
    public async Task Pages_collected_before_the_session_expires_are_kept()
    {
        await using var ok = await StartAsync();
        ok.AddGroup("1001");
        ok.AddGroup("1002");
        // The first group's topics come back, then OK starts refusing the token.
        ok.Fake.TopicErrors["1002"] = (102, "PARAM_SESSION_EXPIRED : Session expired");

        var result = await ok.Source().CollectAsync(Request(Page("1001"), Page("1002")), CancellationToken.None);

        Assert.Equal("1001", Assert.Single(result.Pages).Page.PageId);
        Assert.Equal(("1002", false), (Assert.Single(result.Skipped).PageId, result.Skipped[0].Permanent));
    }

    [Theory]
    [InlineData(FakeOkFailure.ServiceError)]
    [InlineData(FakeOkFailure.Http503)]
    public async Task Two_transient_failures_are_retried_and_the_page_is_collected(FakeOkFailure failure)
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.FailNext(2, failure);

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        Assert.Empty(result.Skipped);
        Assert.Single(result.Pages);
        Assert.Equal(3, ok.Fake.CallsOf("group.getInfo"));
    }

    [Fact]
    public async Task Malformed_json_is_retried()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.AnswerMalformed("mediatopic.getTopics");

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        Assert.Single(Assert.Single(result.Pages).Posts);
        Assert.Equal(2, ok.Fake.CallsOf("mediatopic.getTopics"));
    }

    [Fact]
    public async Task Malformed_json_on_every_try_skips_the_page_for_today()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.AnswerMalformed("mediatopic.getTopics", times: 100);

        var result = await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        var skipped = Assert.Single(result.Skipped);
        Assert.False(skipped.Permanent);
        Assert.Equal($"OK page '{GroupId}' was not collected after 4 tries: OK returned malformed JSON for mediatopic.getTopics.", skipped.Reason);
        Assert.Equal(4, ok.Fake.CallsOf("mediatopic.getTopics"));
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_skip_the_page_for_today()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        ok.Fake.Delay = TimeSpan.FromSeconds(10);
        var source = ok.Source(new Dictionary<string, string?> { ["Ok:RequestTimeout"] = "00:00:00.200", ["Ok:MaxAttempts"] = "2" });

        var result = await source.CollectAsync(Request(Page(GroupId)), CancellationToken.None);

        var skipped = Assert.Single(result.Skipped);
        Assert.False(skipped.Permanent);
        Assert.Contains("OK did not answer within", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(2, ok.Fake.CallsOf("group.getInfo"));
    }

    [Theory]
    [InlineData("Ok:ApplicationKey")]
    [InlineData("Ok:ApplicationSecretKey")]
    [InlineData("Ok:AccessToken")]
    public async Task Missing_credentials_skip_every_page_without_any_call(string missing)
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);

        var result = await ok.Source(new Dictionary<string, string?> { [missing] = null })
            .CollectAsync(Request(Page(GroupId), Page("amurobl")), CancellationToken.None);

        Assert.Empty(result.Pages);
        Assert.All(result.Skipped, s => Assert.Equal((OkPageSource.MissingCredentialsReason, false), (s.Reason, s.Permanent)));
        Assert.Equal(2, result.Skipped.Count);
        Assert.Equal([OkPageSource.MissingCredentialsReason], result.Notices!);
        Assert.Equal(0, ok.Fake.TotalCalls);
    }

    [Fact]
    public async Task Cancellation_is_the_one_thing_that_escapes()
    {
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ok.Source().CollectAsync(Request(Page(GroupId)), cancellation.Token));
    }
}
