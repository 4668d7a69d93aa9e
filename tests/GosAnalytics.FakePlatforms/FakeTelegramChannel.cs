namespace GosAnalytics.FakePlatforms;

/// <summary>How a fake channel answers <c>/s/&lt;channel&gt;</c>.</summary>
public enum FakeTelegramMode
{
    /// <summary>The web preview with header, posts and <c>?before=</c> paging.</summary>
    Normal,

    /// <summary>The owner turned the preview off: 302 to <c>/&lt;channel&gt;</c>, a plain page without posts.</summary>
    PreviewDisabled,

    /// <summary>What t.me answers for a renamed or deleted channel: 200 with neither a header nor a message.</summary>
    NotExisting,

    /// <summary>HTTP 404.</summary>
    NotFound,

    /// <summary>The header as usual, but message blocks built differently (no footer, no <c>time[datetime]</c>): t.me changed its markup.</summary>
    LayoutChanged,
}

/// <summary>A channel the fake serves. Settings may be changed between requests; the fake reads them on each request.</summary>
public sealed class FakeTelegramChannel(string username)
{
    private int failuresLeft;

    public string Username { get; } = username;

    public FakeTelegramMode Mode { get; set; } = FakeTelegramMode.Normal;

    public string Title { get; set; } = "Администрация города";

    public string? Description { get; set; } = "Официальный канал администрации";

    public bool IsVerified { get; set; }

    public bool HasAvatar { get; set; } = true;

    /// <summary>The subscriber counter as t.me writes it ("12 345", "1.2K"); null hides the counter.</summary>
    public string? SubscribersText { get; set; } = "1 234";

    /// <summary>The posts, any order; the fake serves them by id.</summary>
    public List<FakeTelegramPost> Posts { get; } = [];

    /// <summary>Messages per preview page (t.me shows about 20).</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Answers every <c>?before=</c> with the newest page, as a broken mirror would: paging must notice and stop.</summary>
    public bool IgnoresBefore { get; set; }

    /// <summary>Wait before answering (a slow t.me); the wait ends when the client gives up.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>The status of the next <see cref="FailNextRequests"/> answers: 500, 502, 429 …</summary>
    public int FailureStatusCode { get; set; } = 500;

    /// <summary>The next <paramref name="count"/> requests for this channel fail with <see cref="FailureStatusCode"/>, later ones succeed.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref failuresLeft, count);

    internal bool TakeFailure() => Interlocked.Decrement(ref failuresLeft) >= 0;
}

/// <summary>One message of a fake channel.</summary>
public sealed record FakeTelegramPost(long Id, DateTimeOffset PublishedAt)
{
    /// <summary>The text; newlines are rendered as <c>&lt;br/&gt;</c>.</summary>
    public string Text { get; init; } = "";

    /// <summary>The views counter as t.me writes it ("713", "1.2K"); null renders no counter.</summary>
    public string? Views { get; init; } = "713";

    /// <summary>Reaction counts as written, one per emoji.</summary>
    public IReadOnlyList<string> Reactions { get; init; } = [];

    public int Photos { get; init; }

    public int Videos { get; init; }

    public string? LinkPreviewUrl { get; init; }

    /// <summary>The channel a forwarded post comes from.</summary>
    public string? ForwardedFrom { get; init; }

    /// <summary>The quoted text of the message this one replies to.</summary>
    public string? ReplyToText { get; init; }

    /// <summary>A service message ("Channel created", pins): no views, no date link.</summary>
    public bool IsService { get; init; }
}
