using System.Buffers;
using System.Text;

namespace GosAnalytics.ContentQuality;

/// <summary>A post text after <see cref="RussianText.Normalize"/>, with what was stripped from it.</summary>
/// <param name="Text">Lower-cased (invariant), ё folded to е, URLs and mentions replaced by a space.</param>
/// <param name="Urls">URLs removed from the text (http(s)://…, www.…, bare domains such as vk.com/… or госуслуги.рф).</param>
/// <param name="Mentions">Mentions removed from the text (@name, VK's [id1|Name] markup; the display name is kept).</param>
internal readonly record struct NormalizedText(string Text, int Urls, int Mentions);

/// <summary>
/// Russian social-media text handling shared by training and serving: normalisation, tokenisation, sentence splitting and
/// syllable counting. Deterministic, culture-independent and free of regular expressions, so it is cheap enough for every post.
/// </summary>
/// <remarks>
/// <para>Case folding is invariant lower-casing plus ё→е: «ё» is optional in Russian writing («ещё» and «еще» are the same word),
/// and both are vowels, so syllable counts do not change.</para>
/// <para>«й» is deliberately <b>kept</b>. ML.NET's <c>NormalizeText</c> with <c>keepDiacritics:false</c> folds й→и, but «й» is a
/// letter of its own, not «и» with an accent: folding it merges different words («мой»/«мои», «бой»/«бои», «край»/«краи»), breaks
/// imperatives that calls to action are recognised by («присоединяйтесь», «голосуйте», «участвуйте») and adds a syllable to every
/// word with «й» («район» has two syllables, «раион» would count three), which would skew readability.</para>
/// <para>Tokens split on whitespace <i>and</i> punctuation (newline, tab, «», —, commas, …), unlike ML.NET's default word
/// tokenizer which splits on spaces only, so «привет,» and «привет» are the same token. A hyphen between letters or digits
/// stays inside a token («дорожно-транспортного», «45-р»); hashtags stay whole («#приамурье», VK's «#новости@amur»).</para>
/// </remarks>
internal static class RussianText
{
    private static readonly string[] TopLevelDomains =
    [
        "ru", "рф", "su", "рус", "москва", "com", "org", "net", "info", "me", "cc", "io", "gov", "edu", "online", "site", "pro", "biz",
        "tv", "app", "dev", "moscow", "by", "kz", "uz",
    ];

    // Abbreviations that stand before a name or a number («г. Благовещенск», «ул. Ленина», «с. Ивановка»): a dot after them
    // does not end a sentence even before a capital letter.
    private static readonly HashSet<string> NameAbbreviations = new(StringComparer.Ordinal)
    {
        "г", "гг", "ул", "им", "д", "пр", "просп", "пер", "пл", "наб", "мкр", "пос", "дер", "с", "п", "х", "ст", "св", "проф", "акад",
        "доц", "зам", "обл", "кв", "корп", "стр", "каб", "тел", "р",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameAbbreviationLookup =
        NameAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    // Bit (c − 'а') is set for the vowels а е и о у ы э ю я (ё is U+0451, outside а..я; it is folded to е first).
    private const uint CyrillicVowels = 1u << 0 | 1u << 5 | 1u << 8 | 1u << 14 | 1u << 19 | 1u << 27 | 1u << 29 | 1u << 30 | 1u << 31;

    /// <summary>
    /// Lower-cases (invariant), folds ё→е, keeps й, removes URLs and mentions (each becomes one space) and stress marks.
    /// Text in decomposed Unicode form is composed first, so «и» + combining breve becomes «й».
    /// </summary>
    public static NormalizedText Normalize(string? text)
    {
        using var analysis = TextAnalysis.Run(text);
        return new NormalizedText(new string(analysis.FoldAll()), analysis.Urls, analysis.Mentions);
    }

    /// <summary>
    /// Splits a text into normalised tokens: words (with at least one letter), numbers and hashtags (with their «#»).
    /// URLs and mentions are not tokens; punctuation, emoji and whitespace separate tokens.
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        using var analysis = TextAnalysis.Run(text);
        var tokens = new List<string>(analysis.Tokens.Length);
        foreach (var token in analysis.Tokens)
        {
            tokens.Add(new string(analysis.Folded.Slice(token.Start, token.Length)));
        }

        return tokens;
    }

    /// <summary>
    /// Splits a text into sentences of its cleaned form (URLs and mentions removed, case kept). A sentence ends at «.», «!»,
    /// «?», «…» or a line break, and must contain a word: a line of hashtags or emoji is not a sentence. A dot does not end a
    /// sentence inside a number or an abbreviation («12.03.2025», «т.е. все», «ул. Ленина», «А. С. Пушкин»).
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string? text)
    {
        var ranges = new List<Range>();
        using var analysis = TextAnalysis.Run(text, ranges);
        var sentences = new List<string>(ranges.Count);
        foreach (var range in ranges)
        {
            sentences.Add(new string(analysis.Cleaned[range]));
        }

        return sentences;
    }

    /// <summary>Syllables of a word: the number of its vowels (Russian аеёиоуыэюя, and Latin aeiouy for Latin words), either case.</summary>
    public static int CountSyllables(ReadOnlySpan<char> word)
    {
        var syllables = 0;
        foreach (var c in word)
        {
            if (IsVowel(c))
            {
                syllables++;
            }
        }

        return syllables;
    }

    /// <summary>Folds one character: invariant lower case, ё→е; й stays й.</summary>
    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        if (c is >= 'а' and <= 'я' && c != 'ё')
        {
            return c;
        }

        if (c is >= 'А' and <= 'Я')
        {
            return (char)(c + 0x20);
        }

        return c is 'ё' or 'Ё' ? 'е' : char.ToLowerInvariant(c);
    }

    internal static bool IsVowel(char c) => c switch
    {
        'а' or 'е' or 'ё' or 'и' or 'о' or 'у' or 'ы' or 'э' or 'ю' or 'я' => true,
        'А' or 'Е' or 'Ё' or 'И' or 'О' or 'У' or 'Ы' or 'Э' or 'Ю' or 'Я' => true,
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'A' or 'E' or 'I' or 'O' or 'U' or 'Y' => true,
        _ => false,
    };

    /// <summary>Letters and digits: the characters tokens are made of.</summary>
    internal static bool IsWordChar(char c)
    {
        if (c < 0x80)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        return c is >= '\u0400' and <= '\u0481' || char.IsLetterOrDigit(c);
    }

    internal static bool IsLetter(char c)
    {
        if (c < 0x80)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a';
        }

        return c is >= '\u0400' and <= '\u0481' || char.IsLetter(c);
    }

    internal static bool IsUpper(char c)
    {
        if (c < 0x80)
        {
            return (uint)(c - 'A') <= 'Z' - 'A';
        }

        if (c is >= '\u0400' and <= '\u042F')
        {
            return true;
        }

        return c is not (>= '\u0430' and <= '\u045F') && char.IsUpper(c);
    }

    /// <summary>
    /// Composes decomposed Unicode (NFC) only when combining marks are present: the common case is one vectorised scan.
    /// </summary>
    internal static string Compose(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0300', '\u036F') && !text.IsNormalized(NormalizationForm.FormC)
            ? text.Normalize(NormalizationForm.FormC)
            : text;

    /// <summary>
    /// Copies <paramref name="text"/> into <paramref name="output"/> (at least as long) with case kept, every URL and mention
    /// replaced by one space, VK mention markup reduced to its display name, whitespace other than newlines turned into spaces
    /// and leftover combining marks (stress accents) dropped. Returns the cleaned length.
    /// </summary>
    internal static int Clean(ReadOnlySpan<char> text, Span<char> output, out int urls, out int mentions)
    {
        urls = 0;
        mentions = 0;
        var n = text.Length;
        var i = 0;
        var o = 0;
        var settled = 0;      // input before this index may have been shortened; output maps 1:1 to input after it
        var checkedChunk = -1; // a chunk is tested for a host name at most once: the test always starts at the chunk's start
        var specials = HasRareSpecials(text) ? AllCleanSpecials : AsciiCleanSpecials;
        while (i < n)
        {
            // Ordinary characters are copied in bulk up to the next one that may need work.
            var next = text[i..].IndexOfAny(specials);
            var run = next < 0 ? n - i : next;
            text.Slice(i, run).CopyTo(output[o..]);
            i += run;
            o += run;
            if (i >= n)
            {
                break;
            }

            var c = text[i];
            switch (c)
            {
                case '@':
                    if ((i == 0 || IsMentionBoundary(text[i - 1])) && TryMatchMention(text, i, out var mentionEnd))
                    {
                        mentions++;
                        output[o++] = ' ';
                        i = settled = mentionEnd;
                        continue;
                    }

                    break;
                case '[':
                    if (TryMatchVkMention(text, i, out var nameStart, out var close))
                    {
                        mentions++;
                        text[nameStart..close].CopyTo(output[o..]);
                        o += close - nameStart;
                        i = settled = close + 1;
                        continue;
                    }

                    break;
                case '.' or ':':
                    // Only a dot before a letter or «:/» can be inside a URL, so ordinary words never pay for URL detection.
                    if (i + 1 < n && (c == '.' ? IsWordChar(text[i + 1]) : text[i + 1] == '/'))
                    {
                        int start;
                        if (c == ':')
                        {
                            // A scheme may be glued to a word: «сайте:https://…».
                            start = i;
                            while (start > settled && char.IsAsciiLetter(text[start - 1]))
                            {
                                start--;
                            }
                        }
                        else
                        {
                            var chunk = ChunkStart(text, i, settled);
                            if (chunk == checkedChunk)
                            {
                                break;
                            }

                            checkedChunk = chunk;
                            start = chunk;
                            while (start < i && IsOpening(text[start]))
                            {
                                start++;
                            }
                        }

                        if (TryMatchUrl(text, start, out var urlEnd))
                        {
                            urls++;
                            o -= i - start; // the URL's first characters were already copied
                            output[o++] = ' ';
                            i = settled = urlEnd;
                            continue;
                        }
                    }

                    break;
                default:
                    if (c is >= '\u0300' and <= '\u036F')
                    {
                        i = settled = i + 1; // a stress mark left after composition
                        continue;
                    }

                    c = ' '; // whitespace other than a space or a newline
                    break;
            }

            output[o++] = c;
            i++;
        }

        return o;
    }

    /// <summary>
    /// One pass over cleaned text: writes folded token characters into <paramref name="folded"/> (same indices), records tokens,
    /// counts words, syllables, letters, capitals, emoji, «!», «?» and sentences, and optionally collects sentence ranges.
    /// </summary>
    internal static int Analyse(ReadOnlySpan<char> s, Span<char> folded, Span<Token> tokens, ref TextStats stats, List<Range>? sentences)
    {
        var n = s.Length;
        var tokenCount = 0;
        var sentence = new SentenceState();
        var pendingRegional = false; // the first regional indicator of a flag has been counted
        var afterJoiner = false;     // the previous emoji was followed by a zero-width joiner (one emoji sequence)
        var i = 0;
        while (i < n)
        {
            var c = s[i];
            if (c == ' ')
            {
                i++;
                continue;
            }

            if (IsWordChar(c) || (c == '#' && i + 1 < n && IsWordChar(s[i + 1]) && (i == 0 || !IsWordChar(s[i - 1]))))
            {
                sentence.Touch(i);
                var end = ScanToken(s, folded, i, out var kind, out var hash, out var syllables, ref stats);
                tokens[tokenCount++] = new Token(i, end - i, kind, hash);
                switch (kind)
                {
                    case TokenKind.Word:
                        stats.Words++;
                        stats.Syllables += syllables;
                        sentence.HasWords = true;
                        break;
                    case TokenKind.Hashtag:
                        stats.Hashtags++;
                        break;
                    default:
                        stats.Numbers++;
                        break;
                }

                pendingRegional = false;
                afterJoiner = false;
                i = end;
                continue;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                sentence.Touch(i);
                var j = i;
                var strong = false;
                while (j < n && s[j] is '.' or '!' or '?' or '…')
                {
                    if (s[j] == '!')
                    {
                        stats.Exclamations++;
                        strong = true;
                    }
                    else if (s[j] == '?')
                    {
                        stats.Questions++;
                        strong = true;
                    }

                    j++;
                }

                if (strong || DotRunEndsSentence(s, folded, i, j, tokenCount > 0 ? tokens[tokenCount - 1] : default))
                {
                    // Closing quotes and brackets belong to the sentence they close.
                    while (j < n && IsClosing(s[j]))
                    {
                        j++;
                    }

                    sentence.End(s, j, ref stats, sentences);
                }

                i = j;
                continue;
            }

            if (c == '\n')
            {
                sentence.End(s, i, ref stats, sentences);
                i++;
                continue;
            }

            sentence.Touch(i);
            if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(s[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, s[i + 1]);
                if (codePoint is >= 0x1F1E6 and <= 0x1F1FF)
                {
                    // A flag is a pair of regional indicators: count the first of each pair.
                    if (!pendingRegional && !afterJoiner)
                    {
                        stats.Emoji++;
                    }

                    pendingRegional = !pendingRegional;
                    afterJoiner = false;
                }
                else
                {
                    pendingRegional = false;
                    if (codePoint is >= 0x1F000 and <= 0x1FAFF and not (>= 0x1F3FB and <= 0x1F3FF))
                    {
                        if (!afterJoiner)
                        {
                            stats.Emoji++;
                        }

                        afterJoiner = false;
                    }
                }

                i += 2;
                continue;
            }

            if (c >= '\u2000')
            {
                if (c == '\u200D')
                {
                    afterJoiner = true;
                }
                else if (c != '\uFE0F')
                {
                    if (IsBmpEmoji(c) && !afterJoiner)
                    {
                        stats.Emoji++;
                    }

                    afterJoiner = false;
                }
            }

            pendingRegional = false;
            i++;
        }

        sentence.End(s, n, ref stats, sentences);
        return tokenCount;
    }

    /// <summary>Paragraphs (runs of non-blank lines separated by blank lines) and list lines of the raw text.</summary>
    internal static void CountLayout(ReadOnlySpan<char> text, out int paragraphs, out int listLines)
    {
        paragraphs = 0;
        listLines = 0;
        var inParagraph = false;
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            var line = (newline < 0 ? text : text[..newline]).Trim();
            text = newline < 0 ? default : text[(newline + 1)..];
            if (line.IsEmpty)
            {
                inParagraph = false;
                continue;
            }

            if (!inParagraph)
            {
                paragraphs++;
                inParagraph = true;
            }

            if (IsListLine(line))
            {
                listLines++;
            }
        }
    }

    /// <summary>A trimmed line that starts like a list item: a bullet, a dash and a space, or «1)» / «1.» (not a date «12.03»).</summary>
    internal static bool IsListLine(ReadOnlySpan<char> line)
    {
        var first = line[0];
        if (first is '•' or '▪' or '●' or '◦' or '‣' or '∙' or '►')
        {
            return true;
        }

        if (first is '-' or '—' or '–' or '*')
        {
            return line.Length > 1 && char.IsWhiteSpace(line[1]);
        }

        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0
            && digits < line.Length
            && line[digits] is ')' or '.'
            && (digits + 1 == line.Length || !char.IsAsciiDigit(line[digits + 1]));
    }

    /// <summary>
    /// Reads one token from <paramref name="start"/>: folds it into <paramref name="folded"/>, hashes the folded characters for
    /// <see cref="WordTable"/>, counts its vowels, letters and capitals. Lower-case Cyrillic, the bulk of every post, takes
    /// the first branch and touches no Unicode table.
    /// </summary>
    private static int ScanToken(
        ReadOnlySpan<char> s, Span<char> folded, int start, out TokenKind kind, out uint hash, out int syllables, ref TextStats stats)
    {
        var n = s.Length;
        var hashtag = s[start] == '#';
        var j = start;
        var h = WordTable.Seed;
        var vowels = 0;
        var letters = 0;
        var upper = 0;
        if (hashtag)
        {
            folded[j++] = '#';
            h = WordTable.Step(h, '#');
        }

        var bodyStart = j;
        while (j < n)
        {
            var c = s[j];
            char f;
            if ((uint)(c - 'а') <= 'я' - 'а')
            {
                f = c;
                letters++;
                vowels += (int)(CyrillicVowels >> (c - 'а')) & 1;
            }
            else if ((uint)(c - 'А') <= 'Я' - 'А')
            {
                f = (char)(c + 0x20);
                letters++;
                upper++;
                vowels += (int)(CyrillicVowels >> (f - 'а')) & 1;
            }
            else if (IsWordChar(c))
            {
                f = Fold(c);
                if (IsLetter(c))
                {
                    letters++;
                    upper += IsUpper(c) ? 1 : 0;
                    vowels += IsVowel(c) ? 1 : 0;
                }
            }
            else if ((c is '-' or '\u2010' or '\u2011' || (hashtag && c == '_')) && j > bodyStart && j + 1 < n && IsWordChar(s[j + 1]))
            {
                f = c == '_' ? '_' : '-';
            }
            else
            {
                break;
            }

            folded[j++] = f;
            h = WordTable.Step(h, f);
        }

        // VK's community hashtags: «#новости@amur_gov».
        if (hashtag && j + 1 < n && s[j] == '@' && IsAsciiWordChar(s[j + 1]))
        {
            folded[j++] = '@';
            while (j < n && (IsAsciiWordChar(s[j]) || (s[j] == '.' && j + 1 < n && IsAsciiWordChar(s[j + 1]))))
            {
                folded[j] = Fold(s[j]);
                j++;
            }
        }

        stats.Letters += letters;
        stats.UpperLetters += upper;
        kind = hashtag ? TokenKind.Hashtag : letters > 0 ? TokenKind.Word : TokenKind.Number;
        hash = h;
        syllables = vowels;
        return j;
    }

    /// <summary>Whether a run of dots (or «…») from <paramref name="i"/> to <paramref name="j"/> ends a sentence.</summary>
    private static bool DotRunEndsSentence(ReadOnlySpan<char> s, ReadOnlySpan<char> folded, int i, int j, Token previous)
    {
        var n = s.Length;
        if (j < n && IsWordChar(s[j]))
        {
            return false; // «12.03», «т.е»: no space after the dot
        }

        var k = j;
        while (k < n && IsClosing(s[k]))
        {
            k++;
        }

        while (k < n && s[k] != '\n' && IsSpace(s[k]))
        {
            k++;
        }

        if (k >= n || s[k] == '\n')
        {
            return true;
        }

        var next = s[k];
        if (char.IsLower(next) || char.IsDigit(next))
        {
            return false; // sentences start with a capital; «т.е. все», «д. 5», «и т.д. и т.п.»
        }

        if (j - i > 1 || s[i] == '…' || previous.Kind != TokenKind.Word || previous.Start + previous.Length != i)
        {
            return true;
        }

        if (previous.Length == 1 && IsUpper(s[previous.Start]))
        {
            return false; // an initial: «А. С. Пушкин»
        }

        // «г. Благовещенск», but «и т.д. Следующее» ends: the «д» of a dotted abbreviation is not a name abbreviation.
        var dotted = previous.Start > 0 && s[previous.Start - 1] == '.';
        return dotted || !NameAbbreviationLookup.Contains(folded.Slice(previous.Start, previous.Length));
    }

    // Characters Clean must look at: mention and URL triggers, whitespace to turn into a space, combining marks. The ASCII-only
    // set searches vectorised even over Cyrillic; the full set (a scalar bitmap search) is used only when a rare non-ASCII
    // space or combining mark is present.
    private static readonly SearchValues<char> AsciiCleanSpecials = SearchValues.Create("@[.:\t\r\f\v");

    private static readonly SearchValues<char> AllCleanSpecials = SearchValues.Create(
        "@[.:\t\r\f\v\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000" +
        string.Concat(Enumerable.Range(0x300, 0x70).Select(c => (char)c)));

    private static bool HasRareSpecials(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('\u2000', '\u200A')
        || text.ContainsAnyInRange('\u0300', '\u036F')
        || text.ContainsAny('\u00A0', '\u0085', '\u1680')
        || text.ContainsAny('\u2028', '\u2029', '\u202F')
        || text.ContainsAny('\u205F', '\u3000');

    /// <summary>Whitespace, with the common cases decided without a Unicode table lookup.</summary>
    internal static bool IsSpace(char c) =>
        c < 0x80 ? c is ' ' or '\n' or '\t' or '\r' or '\f' or '\v' : c is '\u0085' or '\u00A0' || (c >= '\u1680' && char.IsWhiteSpace(c));

    /// <summary>The first index of the whitespace-delimited chunk that contains <paramref name="i"/>, not before <paramref name="floor"/>.</summary>
    private static int ChunkStart(ReadOnlySpan<char> text, int i, int floor)
    {
        var k = i;
        while (k > floor && !IsSpace(text[k - 1]))
        {
            k--;
        }

        return k;
    }

    private static bool IsBmpEmoji(char c) =>
        c is >= '\u2600' and <= '\u27BF'    // miscellaneous symbols and dingbats: ☀ ☎ ⚽ ✅ ❄ ❤ ➡
            or >= '\u2B00' and <= '\u2BFF'  // arrows and stars: ⬆ ⭐ ⭕
            or >= '\u2300' and <= '\u23FF'  // technical: ⌚ ⏰ ⏳
            or '\u203C' or '\u2049' or '\u3030' or '\u303D' or '\u3297' or '\u3299';

    private static bool IsOpening(char c) => c is '(' or '«' or '"' or '“' or '„' or '\'' or '<' or '[';

    private static bool IsClosing(char c) => c is ')' or '»' or '"' or '”' or '\'' or ']';

    private static bool IsTrailingPunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '»' or '"' or '”' or '\'' or ']' or '…';

    private static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsMentionBoundary(char previous) => !IsWordChar(previous) && previous is not ('@' or '.' or '_' or '-' or '/' or '#');

    private static bool TryMatchMention(ReadOnlySpan<char> text, int at, out int end)
    {
        var j = at + 1;
        while (j < text.Length && (IsAsciiWordChar(text[j]) || (text[j] == '.' && j + 1 < text.Length && IsAsciiWordChar(text[j + 1]))))
        {
            j++;
        }

        end = j;
        return j > at + 1;
    }

    /// <summary>VK mention markup: «[id123|Имя]», «[club123|Название]», «[public…|…]», «[event…|…]».</summary>
    private static bool TryMatchVkMention(ReadOnlySpan<char> text, int at, out int nameStart, out int close)
    {
        nameStart = close = -1;
        var rest = text[(at + 1)..];
        var prefix = rest.StartsWith("id") ? 2 : rest.StartsWith("club") ? 4 : rest.StartsWith("public") ? 6 : rest.StartsWith("event") ? 5 : 0;
        if (prefix == 0)
        {
            return false;
        }

        var j = at + 1 + prefix;
        var digitsStart = j;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        if (j == digitsStart || j >= text.Length || text[j] != '|')
        {
            return false;
        }

        nameStart = j + 1;
        for (var k = nameStart; k < text.Length && k < nameStart + 100; k++)
        {
            if (text[k] is '\n' or '[')
            {
                return false;
            }

            if (text[k] == ']')
            {
                close = k;
                return k > nameStart;
            }
        }

        return false;
    }

    /// <summary>A URL starting at <paramref name="start"/>: a scheme, or a host whose last label is a known top-level domain.</summary>
    private static bool TryMatchUrl(ReadOnlySpan<char> text, int start, out int end)
    {
        var n = text.Length;
        var rest = text[start..];
        var scheme = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : 0;
        if (scheme > 0)
        {
            end = ToUrlEnd(text, start + scheme);
            return end > start + scheme;
        }

        var hostEnd = start;
        while (hostEnd < n && (IsWordChar(text[hostEnd]) || text[hostEnd] is '-' or '.' or '_'))
        {
            hostEnd++;
        }

        var scanned = hostEnd;
        while (hostEnd > start && text[hostEnd - 1] == '.')
        {
            hostEnd--;
        }

        var host = text[start..hostEnd];
        var lastDot = host.LastIndexOf('.');
        end = hostEnd;
        if (lastDot <= 0 || host[lastDot - 1] == '.')
        {
            return false;
        }

        var tld = host[(lastDot + 1)..];
        var known = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        foreach (var candidate in TopLevelDomains)
        {
            known |= tld.Equals(candidate, StringComparison.OrdinalIgnoreCase);
        }

        if (!known)
        {
            return false;
        }

        if (scanned == hostEnd && hostEnd < n && text[hostEnd] is '/' or ':')
        {
            end = ToUrlEnd(text, hostEnd);
        }

        return true;
    }

    /// <summary>The end of a URL: the next whitespace, less trailing punctuation that belongs to the sentence.</summary>
    private static int ToUrlEnd(ReadOnlySpan<char> text, int from)
    {
        var end = from;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        while (end > from && IsTrailingPunctuation(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>The sentence being read: where it starts and whether it has a word yet.</summary>
    private struct SentenceState()
    {
        public int Start = -1;
        public bool HasWords;

        public void Touch(int i)
        {
            if (Start < 0)
            {
                Start = i;
            }
        }

        public void End(ReadOnlySpan<char> s, int end, ref TextStats stats, List<Range>? sentences)
        {
            if (HasWords)
            {
                stats.Sentences++;
                if (sentences is not null)
                {
                    var last = end;
                    while (last > Start && char.IsWhiteSpace(s[last - 1]))
                    {
                        last--;
                    }

                    sentences.Add(new Range(Start, last));
                }
            }

            Start = -1;
            HasWords = false;
        }
    }
}

/// <summary>What a token is: a word has at least one letter; a number has none; a hashtag starts with «#».</summary>
internal enum TokenKind : byte
{
    Number,
    Word,
    Hashtag,
}

/// <summary>A token's place in the cleaned (and folded) buffer, the hash of its folded text, and the lexicon marks set on it.</summary>
internal struct Token(int start, int length, TokenKind kind, uint hash)
{
    public readonly int Start = start;
    public readonly int Length = length;
    public readonly uint Hash = hash;
    public readonly TokenKind Kind = kind;
    public byte Marks;
}

/// <summary>Counts gathered by <see cref="RussianText.Analyse"/>.</summary>
internal struct TextStats
{
    public int Words;
    public int Numbers;
    public int Hashtags;
    public int Syllables;
    public int Sentences;
    public int Letters;
    public int UpperLetters;
    public int Emoji;
    public int Exclamations;
    public int Questions;
}
