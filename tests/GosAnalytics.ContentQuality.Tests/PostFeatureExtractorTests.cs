namespace GosAnalytics.ContentQuality.Tests;

/// <summary>Features of hand-checked Russian posts; every expected value is counted by hand in the comments.</summary>
public sealed class PostFeatureExtractorTests
{
    private const float Tolerance = 1e-4f;

    /// <summary>Tuesday 10 March 2026, 12:00 Moscow time.</summary>
    private static readonly DateTimeOffset TuesdayNoonMsk = new(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(3));

    // Sentences: «🎉 Друзья, приходите на праздник двора в субботу!» (7 words, 14 syllables),
    // «Будут игры, концерт и ярмарка.» (5, 10), «Как вам идея?» (3, 5), «Пишите в комментариях 👇» (3, 8; ends at the line break).
    // The hashtag line has no words, so it is not a sentence.
    internal const string LivelyPost =
        "🎉 Друзья, приходите на праздник двора в субботу!\n\nБудут игры, концерт и ярмарка. Как вам идея? Пишите в комментариях 👇\n\n#Приамурье #Благовещенск";

    // Sentence 1: В соответствии с | распоряжением | администрации района от [12 03 2025 are numbers] 45-р | в целях | реализации |
    // мероприятий | по благоустройству | осуществляется | приём заявлений от граждан: 19 words, 9 markers, 55 syllables.
    // Sentence 2: Информируем | что | данные | мероприятия | проводятся | в рамках | муниципальной программы: 9 words, 6 markers,
    // 29 syllables.
    internal const string BureaucraticPost =
        "В соответствии с распоряжением администрации района от 12.03.2025 № 45-р в целях реализации мероприятий по благоустройству " +
        "осуществляется приём заявлений от граждан. Информируем, что данные мероприятия проводятся в рамках муниципальной программы.";

    [Fact]
    public void Lively_post_counts_words_sentences_emoji_hashtags_and_punctuation()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(LivelyPost, TuesdayNoonMsk) with { Photos = 3 });

        Assert.Equal(LivelyPost.Length, features.Characters);
        Assert.Equal(18, features.Words);
        Assert.Equal(4, features.Sentences);
        Assert.Equal(3, features.Paragraphs);
        Assert.Equal(0, features.ListLines);
        Assert.Equal(2, features.Emoji);        // 🎉 👇
        Assert.Equal(2, features.Hashtags);
        Assert.Equal(1, features.Questions);
        Assert.Equal(1, features.Exclamations);
        Assert.Equal(3, features.Photos);
        Assert.Equal(0, features.BureaucraticShare);
    }

    [Fact]
    public void Lively_post_has_two_calls_to_action()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(LivelyPost, TuesdayNoonMsk));

        Assert.Equal(2, features.CallsToAction); // «приходите», «Пишите»
    }

    [Fact]
    public void Lively_post_readability_follows_the_russian_flesch_formula()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(LivelyPost, TuesdayNoonMsk));

        // ASL = 18 / 4 = 4.5; ASW = 37 / 18; 206.836 − 1.3 × 4.5 − 60.1 × 37 / 18 = 77.4471.
        Assert.Equal(4.5f, features.WordsPerSentence, Tolerance);
        Assert.Equal(37f / 18f, features.SyllablesPerWord, Tolerance);
        Assert.Equal(77.4471f, features.Readability, 0.001f);
    }

    [Fact]
    public void Lively_post_shares_of_stop_words_and_capitals_are_counted_per_word_and_per_letter()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(LivelyPost, TuesdayNoonMsk));

        // Stop words: на, в, будут, и, как, вам, в. Letters: 38 + 24 + 10 + 19 + 21 (hashtags) = 112; capitals Д Б К П П Б.
        Assert.Equal(7, features.StopWords);
        Assert.Equal(7f / 18f, features.StopWordShare, Tolerance);
        Assert.Equal(6f / 112f, features.CapitalShare, Tolerance);
    }

    [Fact]
    public void Bureaucratic_post_has_a_high_share_of_bureaucratic_words()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(BureaucraticPost, TuesdayNoonMsk) with { Documents = 1 });

        Assert.Equal(28, features.Words);
        Assert.Equal(2, features.Sentences);
        Assert.Equal(15, features.BureaucraticWords);
        Assert.Equal(15f / 28f, features.BureaucraticShare, Tolerance);
        Assert.Equal(0, features.CallsToAction);
        Assert.Equal(1, features.Documents);
    }

    [Fact]
    public void Bureaucratic_post_has_a_low_readability()
    {
        var bureaucratic = PostFeatureExtractor.Extract(PostContent.FromText(BureaucraticPost, TuesdayNoonMsk));
        var lively = PostFeatureExtractor.Extract(PostContent.FromText(LivelyPost, TuesdayNoonMsk));

        // ASL = 28 / 2 = 14; ASW = 84 / 28 = 3; 206.836 − 18.2 − 180.3 = 8.336.
        Assert.Equal(14f, bureaucratic.WordsPerSentence, Tolerance);
        Assert.Equal(3f, bureaucratic.SyllablesPerWord, Tolerance);
        Assert.Equal(8.336f, bureaucratic.Readability, 0.001f);
        Assert.True(bureaucratic.Readability < lively.Readability - 50);
    }

    [Fact]
    public void Empty_repost_is_flagged_and_has_no_text_features()
    {
        var repost = new PostContent("", 0, 0, 0, 0, 0, 0, IsRepost: true, IsBroadcast: false, TuesdayNoonMsk);

        var features = PostFeatureExtractor.Extract(repost);

        Assert.Equal(1, features.IsRepost);
        Assert.Equal(1, features.TextIsEmpty);
        Assert.Equal(0, features.Characters);
        Assert.Equal(0, features.Words);
        Assert.Equal(0, features.Sentences);
        Assert.Equal(0, features.Paragraphs);
        Assert.Equal(0, features.Readability);
        Assert.Equal(0, features.WordsPerSentence);
        Assert.Equal(0, features.CapitalShare);
        Assert.All(features.ToArray(), value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Whitespace_only_text_counts_as_empty()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText(" \n\t ", TuesdayNoonMsk));

        Assert.Equal(1, features.TextIsEmpty);
        Assert.Equal(0, features.Characters);
    }

    [Fact]
    public void Media_and_format_flags_come_from_the_attachments()
    {
        var post = new PostContent("Прямой эфир губернатора", 2, 1, 1, 3, 1, 4, IsRepost: false, IsBroadcast: true, TuesdayNoonMsk);

        var features = PostFeatureExtractor.Extract(post);

        Assert.Equal([2f, 1f, 1f, 3f, 1f, 4f], [features.Photos, features.Videos, features.LinkAttachments, features.Documents, features.Polls, features.OtherAttachments]);
        Assert.Equal(1, features.HasVideo);
        Assert.Equal(1, features.IsBroadcast);
        Assert.Equal(0, features.IsRepost);
        Assert.Equal(0, features.TextIsEmpty);
    }

    [Fact]
    public void A_broadcast_without_a_video_attachment_still_has_video()
    {
        var post = new PostContent("", 0, 0, 0, 0, 0, 0, IsRepost: false, IsBroadcast: true, TuesdayNoonMsk);

        Assert.Equal(1, PostFeatureExtractor.Extract(post).HasVideo);
    }

    [Fact]
    public void Moscow_hour_of_a_utc_timestamp_near_midnight_falls_on_the_next_day()
    {
        // 22:30 UTC on Tuesday 10 March is 01:30 on Wednesday 11 March in Moscow.
        var post = PostContent.FromText("Ночной пост", new DateTimeOffset(2026, 3, 10, 22, 30, 0, TimeSpan.Zero));

        var features = PostFeatureExtractor.Extract(post);

        Assert.Equal(1, features.HourMsk);
        Assert.Equal(3, features.WeekdayMsk);
        Assert.Equal(0, features.IsWeekend);
        Assert.Equal(0, features.IsWorkingHours);
    }

    [Fact]
    public void Friday_evening_in_utc_is_a_saturday_in_moscow()
    {
        // 21:30 UTC on Friday 13 March is 00:30 on Saturday 14 March in Moscow.
        var features = PostFeatureExtractor.Extract(PostContent.FromText("Пост", new DateTimeOffset(2026, 3, 13, 21, 30, 0, TimeSpan.Zero)));

        Assert.Equal(0, features.HourMsk);
        Assert.Equal(6, features.WeekdayMsk);
        Assert.Equal(1, features.IsWeekend);
    }

    [Theory]
    [InlineData(8, 59, 0f)]
    [InlineData(9, 0, 1f)]
    [InlineData(17, 59, 1f)]
    [InlineData(18, 0, 0f)]
    public void Working_hours_run_from_nine_to_six_moscow_time(int hour, int minute, float expected)
    {
        // Given in Amur time (UTC+9) to show that the offset of the input does not matter: only the Moscow hour does.
        var moscow = new DateTimeOffset(2026, 3, 10, hour, minute, 0, TimeSpan.FromHours(3));
        var features = PostFeatureExtractor.Extract(PostContent.FromText("Пост", moscow.ToOffset(TimeSpan.FromHours(9))));

        Assert.Equal(expected, features.IsWorkingHours);
        Assert.Equal(hour, features.HourMsk);
    }

    [Fact]
    public void List_lines_and_paragraphs_are_counted()
    {
        var text =
            "Уважаемые жители!\n\n" +
            "Перечень мероприятий:\n1) уборка дворов;\n2) покраска скамеек;\n- ремонт освещения\n• вывоз мусора\n\n" +
            "12.03.2025 состоится субботник.\nСправки по телефону 8 (4162) 20-00-00.";

        var features = PostFeatureExtractor.Extract(PostContent.FromText(text, TuesdayNoonMsk));

        Assert.Equal(3, features.Paragraphs);
        Assert.Equal(4, features.ListLines); // «1)», «2)», «- », «•»; the date line is not a list item
    }

    [Fact]
    public void Several_blank_lines_and_windows_line_ends_separate_paragraphs_once()
    {
        var features = PostFeatureExtractor.Extract(PostContent.FromText("Первый абзац.\r\n\r\n \r\n\r\nВторой абзац.\r\nЕщё строка.", TuesdayNoonMsk));

        Assert.Equal(2, features.Paragraphs);
        Assert.Equal(3, features.Sentences);
    }

    [Fact]
    public void Urls_and_mentions_are_counted_and_do_not_become_words()
    {
        var text = "Подробнее на https://gosuslugi.ru/help и на vk.com/amur_gov, пишите @cur_amur или [club123|ЦУР Амурской области].";

        var features = PostFeatureExtractor.Extract(PostContent.FromText(text, TuesdayNoonMsk));

        Assert.Equal(2, features.Urls);
        Assert.Equal(2, features.Mentions);
        Assert.Equal(9, features.Words); // Подробнее на и на пишите или ЦУР Амурской области
        Assert.Equal(1, features.CallsToAction);
    }

    [Fact]
    public void Emoji_sequences_flags_and_skin_tones_count_once_each()
    {
        // ❤️ (with a variation selector), a family joined by ZWJ, the Russian flag, a thumbs-up with a skin tone, ☀️.
        var text = "Спасибо ❤️ 👨‍👩‍👧 🇷🇺 👍🏽 ☀️";

        Assert.Equal(5, PostFeatureExtractor.Extract(PostContent.FromText(text, TuesdayNoonMsk)).Emoji);
    }

    [Fact]
    public void Calls_to_action_match_phrases_with_and_without_yo()
    {
        Assert.Equal(1, PostFeatureExtractor.Extract(PostContent.FromText("Ждём вас в субботу!", TuesdayNoonMsk)).CallsToAction);
        Assert.Equal(1, PostFeatureExtractor.Extract(PostContent.FromText("Ждем вас в субботу!", TuesdayNoonMsk)).CallsToAction);
        Assert.Equal(3, PostFeatureExtractor.Extract(PostContent.FromText("Голосуйте, подписывайтесь и регистрируйтесь!", TuesdayNoonMsk)).CallsToAction);
    }

    [Fact]
    public void Sentence_count_agrees_with_sentence_splitting()
    {
        foreach (var text in new[] { LivelyPost, BureaucraticPost, "Встреча пройдёт в г. Благовещенске, ул. Ленина, д. 5. Начало в 10.00. Вход свободный!" })
        {
            var features = PostFeatureExtractor.Extract(PostContent.FromText(text, TuesdayNoonMsk));

            Assert.Equal(RussianText.SplitSentences(text).Count, (int)features.Sentences);
        }
    }

    [Fact]
    public void Extraction_is_deterministic()
    {
        var post = PostContent.FromText(BureaucraticPost + "\n\n" + LivelyPost, TuesdayNoonMsk);

        Assert.Equal(PostFeatureExtractor.Extract(post), PostFeatureExtractor.Extract(post));
    }

    [Fact]
    public void Extraction_gives_the_same_features_on_many_threads()
    {
        var post = PostContent.FromText(BureaucraticPost + "\n\n" + LivelyPost, TuesdayNoonMsk);
        var expected = PostFeatureExtractor.Extract(post);

        var results = new PostFeatures[64];
        Parallel.For(0, results.Length, i => results[i] = PostFeatureExtractor.Extract(post));

        Assert.All(results, actual => Assert.Equal(expected, actual));
    }

    [Fact]
    public void Reading_ease_uses_obornevas_coefficients()
    {
        Assert.Equal(206.836 - 1.3 * 10 - 60.1 * 2, PostFeatureExtractor.ReadingEase(10, 2), 10);
    }
}
