namespace GosAnalytics.ContentQuality.Tests;

public sealed class RussianTextTests
{
    [Fact]
    public void Normalisation_keeps_short_i_and_folds_yo_to_ye()
    {
        var normalized = RussianText.Normalize("Мой ЁЖИК зашёл в РАЙОН");

        Assert.Equal("мой ежик зашел в район", normalized.Text);
    }

    [Fact]
    public void Short_i_is_not_a_vowel_so_it_adds_no_syllable()
    {
        Assert.Equal(2, RussianText.CountSyllables("район"));
        Assert.Equal(6, RussianText.CountSyllables("Присоединяйтесь")); // и о е и я е; «й» is not counted
        Assert.Equal(2, RussianText.CountSyllables("ещё"));
    }

    [Fact]
    public void Decomposed_short_i_is_composed_before_folding()
    {
        // «и» + combining breve (U+0306), as text copied from some editors arrives; a stress mark (U+0301) is dropped.
        Assert.Equal(["мой", "замок"], RussianText.Tokenize("Мои\u0306 за\u0301мок"));
    }

    [Fact]
    public void Punctuation_splits_tokens()
    {
        Assert.Equal(["привет", "мир", "новости", "важные", "итоги", "дня"], RussianText.Tokenize("Привет,мир!\tНовости—«важные»\nитоги…дня"));
        Assert.Equal(["привет"], RussianText.Tokenize("привет,"));
    }

    [Fact]
    public void Hyphenated_words_and_hashtags_stay_whole()
    {
        Assert.Equal(
            ["дорожно-транспортного", "45-р", "#приамурье", "#новости@amur_gov", "#год_семьи"],
            RussianText.Tokenize("дорожно-транспортного 45-р #Приамурье #новости@amur_gov #Год_семьи"));
    }

    [Fact]
    public void A_hyphen_that_is_a_dash_splits_tokens()
    {
        Assert.Equal(["тепло", "и", "водоснабжения", "сегодня", "завтра"], RussianText.Tokenize("тепло- и водоснабжения сегодня - завтра"));
    }

    [Fact]
    public void Urls_and_mentions_are_stripped_into_counts()
    {
        var normalized = RussianText.Normalize("Сайт: https://Example.ru/a?b=1. Пишите @cur_amur, [id42|Ирине Петровой] или на госуслуги.рф!");

        Assert.Equal(2, normalized.Urls);
        Assert.Equal(2, normalized.Mentions);
        Assert.Equal("сайт:  . пишите  , ирине петровой или на  !", normalized.Text);
    }

    [Fact]
    public void Dates_abbreviations_and_emails_are_not_urls()
    {
        var normalized = RussianText.Normalize("12.03.2025 в г.Благовещенске, т.е. рядом; почта school@mail");

        Assert.Equal(0, normalized.Urls);
        Assert.Equal(0, normalized.Mentions);
    }

    [Fact]
    public void Sentences_split_on_terminal_punctuation_and_line_breaks_but_not_on_abbreviations()
    {
        var sentences = RussianText.SplitSentences(
            "Встреча пройдёт в г. Благовещенске, ул. Ленина, д. 5. Начало в 10.00. Вход свободный!\n" +
            "Выступит А. С. Иванов, т.е. директор. Будут песни, игры и т.д. Приходите!!!\nИТОГИ\n#Приамурье 🎉");

        Assert.Equal(
        [
            "Встреча пройдёт в г. Благовещенске, ул. Ленина, д. 5.",
            "Начало в 10.00.",
            "Вход свободный!",
            "Выступит А. С. Иванов, т.е. директор.",
            "Будут песни, игры и т.д.",
            "Приходите!!!",
            "ИТОГИ",
        ], sentences);
    }

    [Fact]
    public void Quoted_sentence_keeps_its_closing_quote()
    {
        Assert.Equal(["«Мы рады гостям!»", "— сказала Анна."], RussianText.SplitSentences("«Мы рады гостям!» — сказала Анна."));
    }

    [Fact]
    public void Non_breaking_and_thin_spaces_and_tabs_separate_words_like_spaces()
    {
        var normalized = RussianText.Normalize("Приходите\u00A0в\u2009субботу\tв\u202F10:00");

        Assert.Equal("приходите в субботу в 10:00", normalized.Text);
        Assert.Equal(["приходите", "в", "субботу", "в", "10", "00"], RussianText.Tokenize("Приходите\u00A0в\u2009субботу\tв\u202F10:00"));
    }

    [Fact]
    public void A_url_glued_to_a_word_by_a_colon_is_still_a_url()
    {
        var normalized = RussianText.Normalize("Подробнее на сайте:https://amurobl.ru/news, (см. www.amur.info)");

        Assert.Equal(2, normalized.Urls);
        Assert.Equal("подробнее на сайте: , (см.  )", normalized.Text);
    }
}
