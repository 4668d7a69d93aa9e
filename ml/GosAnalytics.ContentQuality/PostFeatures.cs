namespace GosAnalytics.ContentQuality;

/// <summary>A feature's name (the <see cref="PostFeatures"/> property and ML.NET column) and what it measures.</summary>
internal sealed record FeatureInfo(string Name, string Description);

/// <summary>
/// The content features of one post, all <see cref="float"/> so ML.NET reads them as columns directly (a later
/// <c>Concatenate</c> makes the feature vector). Counts are plain counts, shares are 0–1, flags are 0 or 1, and times are
/// Moscow time. Made by <see cref="PostFeatureExtractor.Extract(PostContent)"/>; definitions in docs/content-features.md.
/// </summary>
internal sealed record PostFeatures
{
    /// <summary>The number of features, the length of <see cref="CopyTo"/>'s vector.</summary>
    public const int Count = 34;

    /// <summary>Every feature in vector order, with its description, for the model card and <c>GET /api/model</c>.</summary>
    public static IReadOnlyList<FeatureInfo> Schema { get; } =
    [
        new(nameof(Characters), "Characters of the post's own text, surrounding whitespace trimmed."),
        new(nameof(Words), "Words: tokens with at least one letter (numbers, hashtags, URLs and mentions excluded)."),
        new(nameof(Sentences), "Sentences: ended by . ! ? … or a line break, each with at least one word."),
        new(nameof(Paragraphs), "Paragraphs: runs of non-blank lines separated by blank lines."),
        new(nameof(ListLines), "Lines that start like a list item: -, •, — followed by a space, or 1) / 1."),
        new(nameof(WordsPerSentence), "Average words per sentence (ASL); 0 without sentences."),
        new(nameof(SyllablesPerWord), "Average syllables (vowels) per word (ASW); 0 without words."),
        new(nameof(Readability), "Oborneva's Russian Flesch reading ease: 206.836 − 1.3·ASL − 60.1·ASW, unclamped; 0 without words."),
        new(nameof(BureaucraticShare), "Share of words that are officialese markers (канцелярит stems and phrases)."),
        new(nameof(StopWordShare), "Share of words that are Russian stop words."),
        new(nameof(Hashtags), "Hashtags (#тег, #тег@community)."),
        new(nameof(Urls), "URLs written in the text (http(s)://, www., bare domains such as vk.com/… or госуслуги.рф)."),
        new(nameof(Mentions), "Mentions: @name or VK's [id1|Name] markup."),
        new(nameof(Emoji), "Emoji: pictographs (U+1F000–1FAFF), flags, and symbols U+2300–23FF, U+2600–27BF, U+2B00–2BFF; a joined sequence counts once."),
        new(nameof(CapitalShare), "Share of letters that are capitals; 0 without letters."),
        new(nameof(Exclamations), "Exclamation marks."),
        new(nameof(Questions), "Question marks."),
        new(nameof(CallsToAction), "Calls to action: imperatives and phrases such as «приходите», «голосуйте», «ждём вас»."),
        new(nameof(Photos), "Attached photos."),
        new(nameof(Videos), "Attached videos."),
        new(nameof(LinkAttachments), "Attached link cards."),
        new(nameof(Documents), "Attached documents."),
        new(nameof(Polls), "Attached polls."),
        new(nameof(OtherAttachments), "Other attachments (audio, articles, …)."),
        new(nameof(HasVideo), "1 when the post has a video or is a broadcast, else 0."),
        new(nameof(IsBroadcast), "1 when the post is a live broadcast, else 0."),
        new(nameof(IsRepost), "1 when the post is a repost, else 0."),
        new(nameof(TextIsEmpty), "1 when the post has no text of its own (empty or whitespace), else 0."),
        new(nameof(HourMsk), "Hour of publication in Moscow time (UTC+3), 0–23."),
        new(nameof(WeekdayMsk), "ISO weekday of publication in Moscow time: Monday 1 … Sunday 7."),
        new(nameof(IsWeekend), "1 when published on Saturday or Sunday (Moscow), else 0."),
        new(nameof(IsWorkingHours), "1 when published 09:00–17:59 Moscow time (any weekday), else 0."),
        new(nameof(StopWords), "Stop words (count)."),
        new(nameof(BureaucraticWords), "Officialese marker words (count)."),
    ];

    /// <summary>Feature names in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Schema.Select(f => f.Name)];

    /// <summary>Characters of the post's own text, surrounding whitespace trimmed.</summary>
    public float Characters { get; init; }

    /// <summary>Words: tokens with at least one letter.</summary>
    public float Words { get; init; }

    /// <summary>Sentences with at least one word.</summary>
    public float Sentences { get; init; }

    /// <summary>Paragraphs separated by blank lines.</summary>
    public float Paragraphs { get; init; }

    /// <summary>Lines that start like a list item.</summary>
    public float ListLines { get; init; }

    /// <summary>Average words per sentence (ASL).</summary>
    public float WordsPerSentence { get; init; }

    /// <summary>Average syllables per word (ASW).</summary>
    public float SyllablesPerWord { get; init; }

    /// <summary>206.836 − 1.3·ASL − 60.1·ASW (Oborneva), unclamped; 0 without words.</summary>
    public float Readability { get; init; }

    /// <summary>Officialese marker words ÷ words.</summary>
    public float BureaucraticShare { get; init; }

    /// <summary>Stop words ÷ words.</summary>
    public float StopWordShare { get; init; }

    /// <summary>Hashtags.</summary>
    public float Hashtags { get; init; }

    /// <summary>URLs in the text.</summary>
    public float Urls { get; init; }

    /// <summary>Mentions.</summary>
    public float Mentions { get; init; }

    /// <summary>Emoji.</summary>
    public float Emoji { get; init; }

    /// <summary>Capital letters ÷ letters.</summary>
    public float CapitalShare { get; init; }

    /// <summary>Exclamation marks.</summary>
    public float Exclamations { get; init; }

    /// <summary>Question marks.</summary>
    public float Questions { get; init; }

    /// <summary>Calls to action.</summary>
    public float CallsToAction { get; init; }

    /// <summary>Attached photos.</summary>
    public float Photos { get; init; }

    /// <summary>Attached videos.</summary>
    public float Videos { get; init; }

    /// <summary>Attached link cards.</summary>
    public float LinkAttachments { get; init; }

    /// <summary>Attached documents.</summary>
    public float Documents { get; init; }

    /// <summary>Attached polls.</summary>
    public float Polls { get; init; }

    /// <summary>Other attachments.</summary>
    public float OtherAttachments { get; init; }

    /// <summary>1 with a video or a broadcast.</summary>
    public float HasVideo { get; init; }

    /// <summary>1 for a live broadcast.</summary>
    public float IsBroadcast { get; init; }

    /// <summary>1 for a repost.</summary>
    public float IsRepost { get; init; }

    /// <summary>1 without own text.</summary>
    public float TextIsEmpty { get; init; }

    /// <summary>Moscow hour, 0–23.</summary>
    public float HourMsk { get; init; }

    /// <summary>Moscow ISO weekday, Monday 1 … Sunday 7.</summary>
    public float WeekdayMsk { get; init; }

    /// <summary>1 on Saturday or Sunday (Moscow).</summary>
    public float IsWeekend { get; init; }

    /// <summary>1 from 09:00 to 17:59 Moscow time.</summary>
    public float IsWorkingHours { get; init; }

    /// <summary>Stop words.</summary>
    public float StopWords { get; init; }

    /// <summary>Officialese marker words.</summary>
    public float BureaucraticWords { get; init; }

    /// <summary>Writes the features into <paramref name="destination"/> (at least <see cref="Count"/> long) in <see cref="Names"/> order.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"The destination must hold {Count} features.", nameof(destination));
        }

        destination[0] = Characters;
        destination[1] = Words;
        destination[2] = Sentences;
        destination[3] = Paragraphs;
        destination[4] = ListLines;
        destination[5] = WordsPerSentence;
        destination[6] = SyllablesPerWord;
        destination[7] = Readability;
        destination[8] = BureaucraticShare;
        destination[9] = StopWordShare;
        destination[10] = Hashtags;
        destination[11] = Urls;
        destination[12] = Mentions;
        destination[13] = Emoji;
        destination[14] = CapitalShare;
        destination[15] = Exclamations;
        destination[16] = Questions;
        destination[17] = CallsToAction;
        destination[18] = Photos;
        destination[19] = Videos;
        destination[20] = LinkAttachments;
        destination[21] = Documents;
        destination[22] = Polls;
        destination[23] = OtherAttachments;
        destination[24] = HasVideo;
        destination[25] = IsBroadcast;
        destination[26] = IsRepost;
        destination[27] = TextIsEmpty;
        destination[28] = HourMsk;
        destination[29] = WeekdayMsk;
        destination[30] = IsWeekend;
        destination[31] = IsWorkingHours;
        destination[32] = StopWords;
        destination[33] = BureaucraticWords;
    }

    /// <summary>The features as a new vector in <see cref="Names"/> order.</summary>
    public float[] ToArray()
    {
        var vector = new float[Count];
        CopyTo(vector);
        return vector;
    }
}
