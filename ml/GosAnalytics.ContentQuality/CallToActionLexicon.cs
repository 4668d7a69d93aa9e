namespace GosAnalytics.ContentQuality;

/// <summary>
/// Calls to action: imperatives and phrases that invite citizens to come, take part, reply or share («приходите»,
/// «голосуйте», «пишите в комментариях», «ждём вас»). They turn an announcement into a conversation, which is what official
/// pages are asked to do; posts with one get more comments.
/// </summary>
/// <remarks>Words are matched exactly after folding (ё→е, so «ждём вас» also matches «ждем вас»); both the polite («вы») and
/// the familiar («ты») imperative are listed, since youth and sport pages address readers as «ты».</remarks>
internal static class CallToActionLexicon
{
    /// <summary>The mark bit set on tokens matched by this lexicon.</summary>
    internal const byte Mark = 2;

    /// <summary>Single-word calls to action.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "приходите", "приходи", "приезжайте", "заходите", "зайдите", "посетите",
        "присоединяйтесь", "присоединяйся", "участвуйте", "участвуй", "вступайте", "вступай",
        "голосуйте", "голосуй", "проголосуйте", "выбирайте", "поддержите", "поддерживайте",
        "пишите", "напишите", "пиши", "напиши", "расскажите", "расскажи", "делитесь", "поделитесь", "делись", "поделись",
        "задайте", "задавайте", "предлагайте", "присылайте", "пришлите", "отправляйте", "отправьте", "сообщите", "сообщайте",
        "комментируйте", "отмечайте", "ставьте", "поставьте", "оставляйте", "оставьте", "обращайтесь",
        "узнайте", "узнавайте", "узнай", "смотрите", "посмотрите", "смотри", "читайте", "прочитайте", "следите",
        "переходите", "перейдите", "подписывайтесь", "подпишитесь", "подписывайся", "жмите", "нажмите", "скачайте",
        "регистрируйтесь", "зарегистрируйтесь", "записывайтесь", "запишитесь", "заполните", "пройдите", "примите",
        "звоните", "позвоните", "успейте", "приглашаем",
    ];

    /// <summary>Multiword calls to action.</summary>
    public static IReadOnlyList<string> Phrases { get; } =
    [
        "ждём вас", "ждём всех", "ждём тебя", "ждём ваших", "ждём ваши", "не пропустите", "не пропусти", "не забудьте",
    ];

    internal static Lexicon Instance { get; } = new(Words, [], Phrases);

    /// <summary>Calls to action in a text (a phrase counts once).</summary>
    public static int Count(string? text)
    {
        using var analysis = TextAnalysis.Run(text);
        return Instance.Mark(analysis.Folded, analysis.Tokens, Mark).Matches;
    }
}
