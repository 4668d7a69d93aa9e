using GosAnalytics.Collectors.Ok;
using GosAnalytics.Core.Sources;
using GosAnalytics.TestSupport;
using static GosAnalytics.Collectors.Tests.Ok.OkHarness;

namespace GosAnalytics.Collectors.Tests.Ok;

public class OkSecretsTests
{
    private const string GroupId = "53038939046008";

    [Fact]
    public async Task The_token_and_the_secret_key_never_appear_in_logs_skip_reasons_notices_or_request_spans()
    {
        using var spans = new SpanRecorder(SpanRecorder.HttpClientSource);
        await using var ok = await StartAsync();
        ok.AddGroup(GroupId, shortName: "amurobl");
        ok.AddGroup("1002");
        ok.AddGroup("1003");
        // A platform that echoes what it got: OK's message for this group quotes the token, the secret and the session secret.
        var sessionSecret = OkSignature.SessionSecret(AccessToken, SecretKey);
        ok.Fake.TopicErrors["1002"] = (7, $"ACTION_BLOCKED : access_token={AccessToken} key={SecretKey} secret={sessionSecret} app={ApplicationKey}");
        ok.Fake.FailNext(2, FakePlatforms.FakeOkFailure.ServiceError);
        ok.Fake.AnswerMalformed("group.getInfo");

        var results = new List<BatchCollection>
        {
            await ok.Source().CollectAsync(Request(Page("amurobl"), Page("1002"), Page("1003"), Page("404404")), CancellationToken.None),
            await ok.Source(new Dictionary<string, string?> { ["Ok:ApplicationSecretKey"] = SecretKey + "x" }).CollectAsync(Request(Page(GroupId)), CancellationToken.None),
        };
        ok.Fake.SessionExpired = true;
        results.Add(await ok.Source().CollectAsync(Request(Page(GroupId)), CancellationToken.None));

        // The scenarios did produce reasons and logs to search.
        Assert.Contains(results[0].Skipped, s => s.PageId == "1002" && s.Reason.Contains("access_token=***", StringComparison.Ordinal));
        Assert.NotEmpty(ok.Logs.GetSnapshot());

        var written = results.SelectMany(r => r.Skipped.Select(s => s.Reason).Concat(r.Notices ?? []))
            .Concat(ok.Logs.GetSnapshot().Select(e => e.AllText()))
            .Concat(spans.Spans.Select(span => span.AllText()))
            .ToList();
        Assert.Contains(spans.Spans, span => span.GetTagItem("url.full") is string url && url.StartsWith(ok.Fake.BaseAddress.ToString(), StringComparison.Ordinal));
        foreach (var secret in new[] { AccessToken, SecretKey, sessionSecret, ApplicationKey })
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
