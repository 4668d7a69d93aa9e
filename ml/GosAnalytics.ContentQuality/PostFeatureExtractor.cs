namespace GosAnalytics.ContentQuality;

/// <summary>
/// Turns a <see cref="PostContent"/> into <see cref="PostFeatures"/>. The one featurisation used by both training and serving:
/// deterministic (no culture, clock or randomness), allocation-light (pooled buffers, no regular expressions) and thread-safe.
/// </summary>
internal static class PostFeatureExtractor
{
    /// <summary>Moscow time: UTC+3 all year (no daylight saving since 2014).</summary>
    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    /// <summary>Oborneva's adaptation of the Flesch reading ease to Russian: 206.836 − 1.3·ASL − 60.1·ASW.</summary>
    public static double ReadingEase(double wordsPerSentence, double syllablesPerWord) =>
        206.836 - 1.3 * wordsPerSentence - 60.1 * syllablesPerWord;

    /// <summary>Computes every feature of one post.</summary>
    public static PostFeatures Extract(PostContent post)
    {
        ArgumentNullException.ThrowIfNull(post);

        using var analysis = TextAnalysis.Run(post.Text);
        return Extract(post, analysis);
    }

    /// <summary>Computes every feature of one post from its text already analysed (shared with <see cref="ContentFeatures"/>).</summary>
    internal static PostFeatures Extract(PostContent post, in TextAnalysis analysis)
    {
        var text = post.Text ?? string.Empty;
        var stats = analysis.Stats;

        var stopWords = 0;
        foreach (var token in analysis.Tokens)
        {
            if (token.Kind == TokenKind.Word && RussianStopWords.Contains(analysis.Folded.Slice(token.Start, token.Length), token.Hash))
            {
                stopWords++;
            }
        }

        var (_, bureaucraticWords) = BureaucraticLexicon.Instance.Mark(analysis.Folded, analysis.Tokens, BureaucraticLexicon.Mark);
        var (callsToAction, _) = CallToActionLexicon.Instance.Mark(analysis.Folded, analysis.Tokens, CallToActionLexicon.Mark);
        RussianText.CountLayout(text, out var paragraphs, out var listLines);

        var words = stats.Words;
        var wordsPerSentence = stats.Sentences > 0 ? (double)words / stats.Sentences : 0;
        var syllablesPerWord = words > 0 ? (double)stats.Syllables / words : 0;
        var moscow = post.PublishedAt.ToOffset(MoscowOffset);
        var weekday = moscow.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)moscow.DayOfWeek;

        return new PostFeatures
        {
            Characters = text.AsSpan().Trim().Length,
            Words = words,
            Sentences = stats.Sentences,
            Paragraphs = paragraphs,
            ListLines = listLines,
            WordsPerSentence = (float)wordsPerSentence,
            SyllablesPerWord = (float)syllablesPerWord,
            Readability = words > 0 ? (float)ReadingEase(wordsPerSentence, syllablesPerWord) : 0f,
            BureaucraticShare = Share(bureaucraticWords, words),
            StopWordShare = Share(stopWords, words),
            Hashtags = stats.Hashtags,
            Urls = analysis.Urls,
            Mentions = analysis.Mentions,
            Emoji = stats.Emoji,
            CapitalShare = Share(stats.UpperLetters, stats.Letters),
            Exclamations = stats.Exclamations,
            Questions = stats.Questions,
            CallsToAction = callsToAction,
            Photos = post.Photos,
            Videos = post.Videos,
            LinkAttachments = post.Links,
            Documents = post.Documents,
            Polls = post.Polls,
            OtherAttachments = post.OtherAttachments,
            HasVideo = Flag(post.Videos > 0 || post.IsBroadcast),
            IsBroadcast = Flag(post.IsBroadcast),
            IsRepost = Flag(post.IsRepost),
            TextIsEmpty = Flag(string.IsNullOrWhiteSpace(text)),
            HourMsk = moscow.Hour,
            WeekdayMsk = weekday,
            IsWeekend = Flag(weekday >= 6),
            IsWorkingHours = Flag(moscow.Hour is >= 9 and < 18),
            StopWords = stopWords,
            BureaucraticWords = bureaucraticWords,
        };
    }

    private static float Share(int part, int whole) => whole > 0 ? (float)part / whole : 0f;

    private static float Flag(bool value) => value ? 1f : 0f;
}
