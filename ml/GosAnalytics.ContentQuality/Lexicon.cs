namespace GosAnalytics.ContentQuality;

/// <summary>
/// A matcher of words, stems (prefixes) and multiword phrases over analysed tokens. Entries are folded on construction
/// (lower case, ё→е), so lists are written in ordinary spelling. Immutable after construction and thread-safe.
/// </summary>
internal sealed class Lexicon
{
    private const int Alphabet = 32; // а..я, U+0430..U+044F

    private readonly WordTable table;       // single words and first words of phrases
    private readonly bool[] isWord;         // per table entry: a match on its own
    private readonly string[][][] phrases;  // per table entry: phrases starting with it, longest first
    private readonly string[][] stemsByPrefix; // by the first two letters, so most words test no stem at all

    public Lexicon(IEnumerable<string> words, IEnumerable<string> stems, IEnumerable<string> phrases)
    {
        var wordList = words.Select(FoldEntry).ToHashSet(StringComparer.Ordinal);
        var phraseList = phrases.Select(p => FoldEntry(p).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        table = new WordTable(wordList.Concat(phraseList.Select(p => p[0])));
        isWord = new bool[table.Count];
        this.phrases = new string[table.Count][][];
        for (var i = 0; i < table.Count; i++)
        {
            isWord[i] = wordList.Contains(table[i]);
            // Longest first, so «в соответствии со» wins over a shorter phrase with the same first word.
            this.phrases[i] = [.. phraseList.Where(p => p[0] == table[i]).OrderByDescending(p => p.Length)];
        }

        var buckets = new List<string>?[Alphabet * Alphabet];
        foreach (var stem in stems.Select(FoldEntry))
        {
            var bucket = stem.Length >= 2 ? Bucket(stem) : -1;
            if (bucket < 0)
            {
                throw new ArgumentException($"Stem «{stem}» must start with two Cyrillic letters.", nameof(stems));
            }

            (buckets[bucket] ??= []).Add(stem);
        }

        stemsByPrefix = [.. buckets.Select(b => b?.ToArray() ?? [])];
    }

    /// <summary>Whether one folded word is a listed word or starts with a listed stem.</summary>
    public bool IsMatch(ReadOnlySpan<char> word) => IsMatch(word, table.Find(word));

    /// <summary>
    /// Sets <paramref name="mark"/> on every word token that is part of a match (a phrase marks all its words) and returns the
    /// number of matches (a phrase counts once) and of marked words. Matches do not overlap; phrases are tried first.
    /// </summary>
    public (int Matches, int MarkedWords) Mark(ReadOnlySpan<char> folded, Span<Token> tokens, byte mark)
    {
        var matches = 0;
        var marked = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].Kind != TokenKind.Word)
            {
                continue;
            }

            var word = folded.Slice(tokens[t].Start, tokens[t].Length);
            var entry = table.Find(word, tokens[t].Hash);
            var phraseLength = entry >= 0 ? MatchPhrase(folded, tokens, t, phrases[entry]) : 0;
            if (phraseLength > 0)
            {
                for (var k = t; k < t + phraseLength; k++)
                {
                    tokens[k].Marks |= mark;
                }

                matches++;
                marked += phraseLength;
                t += phraseLength - 1;
            }
            else if (IsMatch(word, entry))
            {
                tokens[t].Marks |= mark;
                matches++;
                marked++;
            }
        }

        return (matches, marked);
    }

    private bool IsMatch(ReadOnlySpan<char> word, int entry)
    {
        if (entry >= 0 && isWord[entry])
        {
            return true;
        }

        var bucket = word.Length >= 2 ? Bucket(word) : -1;
        if (bucket < 0)
        {
            return false;
        }

        foreach (var stem in stemsByPrefix[bucket])
        {
            if (word.StartsWith(stem.AsSpan()))
            {
                return true;
            }
        }

        return false;
    }

    private static int Bucket(ReadOnlySpan<char> word)
    {
        var first = (uint)(word[0] - 'а');
        var second = (uint)(word[1] - 'а');
        return first < Alphabet && second < Alphabet ? (int)(first * Alphabet + second) : -1;
    }

    private static int MatchPhrase(ReadOnlySpan<char> folded, ReadOnlySpan<Token> tokens, int first, string[][] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (first + phrase.Length > tokens.Length)
            {
                continue;
            }

            var all = true;
            for (var k = 1; k < phrase.Length && all; k++)
            {
                var token = tokens[first + k];
                all = token.Kind == TokenKind.Word && folded.Slice(token.Start, token.Length).SequenceEqual(phrase[k]);
            }

            if (all)
            {
                return phrase.Length;
            }
        }

        return 0;
    }

    private static string FoldEntry(string entry)
    {
        var chars = entry.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = RussianText.Fold(chars[i]);
        }

        return new string(chars);
    }
}
