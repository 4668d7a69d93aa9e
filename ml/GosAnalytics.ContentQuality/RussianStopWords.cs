namespace GosAnalytics.ContentQuality;

/// <summary>
/// Common Russian function words: pronouns, prepositions, conjunctions, particles and the most frequent adverbs and
/// auxiliaries (177 words). Written folded (lower case, ё→е, й kept), so «её» is «ее» and «ещё» is «еще». Used for the
/// stop-word share feature and later to drop words that carry no topic from bag-of-words features.
/// </summary>
internal static class RussianStopWords
{
    private static readonly HashSet<string> Set = new(StringComparer.Ordinal)
    {
        // Pronouns.
        "я", "мы", "ты", "вы", "он", "она", "оно", "они", "меня", "мне", "мной", "нас", "нам", "нами", "тебя", "тебе", "тобой",
        "вас", "вам", "вами", "его", "него", "ему", "нему", "им", "ним", "ее", "нее", "ей", "ней", "их", "них", "ими", "ними",
        "себя", "себе", "собой", "мой", "моя", "мое", "мои", "свой", "своя", "свое", "свои", "свою", "наш", "наша", "наше", "наши",
        "ваш", "ваша", "ваше", "ваши", "этот", "эта", "это", "эти", "этого", "этой", "этом", "эту", "тот", "та", "то", "те",
        "того", "той", "том", "тем", "весь", "вся", "все", "всех", "всем", "всего", "всю", "который", "которая", "которое",
        "которые", "которых", "кто", "что", "чего", "чем", "какой", "какая", "такой", "такая", "такие", "сам", "сама", "сами",
        // Prepositions.
        "в", "во", "на", "с", "со", "к", "ко", "у", "о", "об", "обо", "от", "до", "из", "за", "по", "под", "над", "при", "про",
        "для", "без", "через", "перед", "между", "после", "около", "среди",
        // Conjunctions and particles.
        "и", "а", "но", "или", "да", "же", "ли", "бы", "не", "ни", "как", "так", "также", "тоже", "только", "если", "чтобы",
        "чтоб", "когда", "потому", "поэтому", "хотя", "уже", "еще", "вот", "даже", "лишь", "ведь", "ну", "вдруг", "разве",
        // Adverbs and auxiliaries.
        "где", "куда", "там", "тут", "здесь", "тогда", "потом", "теперь", "сейчас", "всегда", "очень", "более", "можно", "нельзя",
        "надо", "нет", "есть", "быть", "был", "была", "было", "были", "будет", "будут",
    };

    // The tokenizer hashes every word while folding it; the table reuses that hash.
    private static readonly WordTable Table = new(Set);

    /// <summary>The stop words, folded.</summary>
    public static IReadOnlySet<string> Words => Set;

    /// <summary>Whether a folded word (lower case, ё→е) is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> foldedWord) => Table.Find(foldedWord) >= 0;

    internal static bool Contains(ReadOnlySpan<char> foldedWord, uint hash) => Table.Find(foldedWord, hash) >= 0;
}
