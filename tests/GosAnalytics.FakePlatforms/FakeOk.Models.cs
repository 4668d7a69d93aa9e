namespace GosAnalytics.FakePlatforms;

/// <summary>A group the fake OK knows. <paramref name="MembersInInfo"/> false leaves <c>members_count</c> out of <c>group.getInfo</c>, as OK does for some groups, so that only <c>group.getCounters</c> tells it.</summary>
public sealed record FakeOkGroup(
    string Id,
    string Name,
    string? ShortName = null,
    long Members = 0,
    string? Description = null,
    string? PicAvatar = null,
    string AccessType = "OPEN",
    bool MembersInInfo = true,
    string? HomepageUrl = null);

/// <summary>One media item of a topic: its OK type (<c>text</c>, <c>photo</c>, <c>movie</c>, <c>poll</c>, anything) and, for ref-carrying types, how many refs.</summary>
public sealed record FakeOkMedia(string Type, int Refs = 1, string? Text = null);

/// <summary>A topic of a group's feed. Null counters are left out of the answer, as OK does when it has none.</summary>
public sealed record FakeOkTopic(
    string Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<FakeOkMedia>? Media = null,
    long? Likes = null,
    long? Comments = null,
    long? Reshares = null,
    long? Views = null,
    bool IsSticky = false);

public enum FakeOkFailure
{
    /// <summary>HTTP 200 with OK's error 2 (SERVICE: temporarily unavailable).</summary>
    ServiceError,

    /// <summary>HTTP 503 with no body.</summary>
    Http503,
}
