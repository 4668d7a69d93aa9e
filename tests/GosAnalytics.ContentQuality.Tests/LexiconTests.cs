namespace GosAnalytics.ContentQuality.Tests;

public sealed class LexiconTests
{
    [Fact]
    public void Stop_word_list_holds_about_150_folded_function_words()
    {
        Assert.InRange(RussianStopWords.Words.Count, 140, 200);
        Assert.All(RussianStopWords.Words, word => Assert.Equal(Fold(word), word));
        Assert.True(RussianStopWords.Contains("ее"));
        Assert.True(RussianStopWords.Contains("мой"));
        Assert.False(RussianStopWords.Contains("праздник"));
    }

    [Fact]
    public void Bureaucratic_stems_match_inflected_words()
    {
        Assert.True(BureaucraticLexicon.IsMarker("Осуществляется"));
        Assert.True(BureaucraticLexicon.IsMarker("мероприятий"));
        Assert.True(BureaucraticLexicon.IsMarker("вышеуказанного"));
        Assert.True(BureaucraticLexicon.IsMarker("проведён"));
        Assert.False(BureaucraticLexicon.IsMarker("праздник"));
        Assert.False(BureaucraticLexicon.IsMarker("приходите"));
    }

    [Fact]
    public void Bureaucratic_phrases_mark_all_their_words()
    {
        // «в целях» (2) + «обеспечения» (1) of 5 words; a lone «в» is not a marker.
        Assert.Equal(3f / 5f, BureaucraticLexicon.Share("В целях обеспечения в школе"), 1e-6f);
        Assert.Equal(0f, BureaucraticLexicon.Share("Дети пришли в школу"));
    }

    [Fact]
    public void Plain_text_has_no_bureaucratic_share()
    {
        Assert.Equal(0f, BureaucraticLexicon.Share("Сегодня в библиотеке читали стихи и пили чай."));
        Assert.Equal(0f, BureaucraticLexicon.Share(""));
    }

    [Fact]
    public void Lexicon_entries_are_lower_case_words()
    {
        var entries = BureaucraticLexicon.Stems.Concat(BureaucraticLexicon.Phrases).Concat(CallToActionLexicon.Words).Concat(CallToActionLexicon.Phrases);

        Assert.All(entries, entry => Assert.Equal(entry.ToLowerInvariant(), entry));
    }

    [Fact]
    public void Calls_to_action_are_counted_once_per_phrase()
    {
        Assert.Equal(2, CallToActionLexicon.Count("Не пропустите! Ждём вас всех."));
        Assert.Equal(0, CallToActionLexicon.Count("Мероприятие прошло в школе."));
    }

    private static string Fold(string word) => new([.. word.Select(RussianText.Fold)]);
}
