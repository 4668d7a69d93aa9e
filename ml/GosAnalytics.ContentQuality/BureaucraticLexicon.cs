namespace GosAnalytics.ContentQuality;

/// <summary>
/// Markers of Russian officialese («канцелярит»): the verbal nouns, stock prepositions and formulae that make official
/// posts hard to read («В соответствии с … в целях реализации мероприятий … осуществляется …»). Style guides for
/// госпаблики (ЦУР trainings, «Пиши, сокращай») ask admins to replace them with plain verbs and concrete words.
/// </summary>
/// <remarks>
/// <para>A word is a marker when it starts with a listed stem («осуществл» matches «осуществляется», «осуществление»), or when
/// it is part of a listed phrase («в соответствии с» marks all three words). The share is marked words ÷ words.</para>
/// <para>Stems are matched after folding (lower case, ё→е). Some are deliberately broad: «данн» («данный», «данные мероприятия»)
/// also matches «данные» in the sense of "data", and «мероприяти» also matches a lively «мероприятие прошло». A model learns how
/// much such a word weighs; the list only has to rank officialese texts far above plain ones, which it does.</para>
/// </remarks>
internal static class BureaucraticLexicon
{
    /// <summary>The mark bit set on tokens matched by this lexicon.</summary>
    internal const byte Mark = 1;

    /// <summary>Stems: a word that starts with one of them is a marker.</summary>
    public static IReadOnlyList<string> Stems { get; } =
    [
        // Verbal nouns and passive verbs: the core of officialese.
        "осуществл",        // осуществляется, осуществление
        "мероприяти",       // мероприятие, мероприятий
        "реализаци",        // реализация, реализации
        "проведен",         // проведение, проведено, проведена, проведён
        "проводитс",        // проводится
        "проводятс",        // проводятся
        "обеспеч",          // обеспечение, обеспечить, обеспечивается
        "функционировани",  // функционирование
        "предоставлени",    // предоставление
        "взаимодействи",    // взаимодействие
        "исполнени",        // исполнение
        "соблюдени",        // соблюдение
        "информировани",    // информирование
        "уведомл",          // уведомляем, уведомление
        "жизнедеятельност", // жизнедеятельности
        "населени",         // населения (instead of «жителей»)
        // Formulaic words.
        "информируем",
        "сообщаем",
        "являетс",          // является
        "являютс",          // являются
        "посредством",
        "согласно",
        "касательно",
        "ввиду",
        "вследствие",
        "необходимо",
        "настоящим",
        "данн",             // данный, данного, данные
        "указанн",          // указанных
        "вышеуказанн",
        "вышеизложенн",
        "вышеперечисленн",
        "вышеназванн",
        "вышеупомянут",
        "нижеследующ",
        "нижеуказанн",
        "соответствующ",
        "надлежащ",
        "неукоснительн",
        "незамедлительн",
        "своевременн",
        "возникающ",        // по всем возникающим вопросам
        "межведомственн",
        // References to documents.
        "нормативн",
        "распоряжени",
        "постановлени",
        "приказ",
        "регламент",
    ];

    /// <summary>Phrases: all their words are markers.</summary>
    public static IReadOnlyList<string> Phrases { get; } =
    [
        "в соответствии с",
        "в соответствии со",
        "в целях",
        "с целью",
        "в рамках",
        "во исполнение",
        "в части",
        "доводим до сведения",
        "до сведения",
        "в установленном порядке",
        "в установленные сроки",
        "в связи с",
        "в связи со",
        "на основании",
        "в отношении",
        "по вопросам",
        "в случае",
        "в адрес",
        "в настоящее время",
        "по состоянию на",
        "в период",
        "на территории",
        "обращаем внимание",
        "обращаем ваше внимание",
        "ответственным лицам",
        "имеет место",
    ];

    internal static Lexicon Instance { get; } = new([], Stems, Phrases);

    /// <summary>Whether one word is a marker on its own (a stem match; phrases need their context).</summary>
    public static bool IsMarker(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<char> folded = stackalloc char[Math.Min(word.Length, 256)];
        if (word.Length > folded.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            folded[i] = RussianText.Fold(word[i]);
        }

        return Instance.IsMatch(folded);
    }

    /// <summary>Marker words ÷ words of a text (0 when it has no words).</summary>
    public static float Share(string? text)
    {
        using var analysis = TextAnalysis.Run(text);
        if (analysis.Stats.Words == 0)
        {
            return 0f;
        }

        var (_, marked) = Instance.Mark(analysis.Folded, analysis.Tokens, Mark);
        return (float)marked / analysis.Stats.Words;
    }
}
