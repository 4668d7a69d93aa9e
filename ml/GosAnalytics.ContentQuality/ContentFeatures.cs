using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.Data;

namespace GosAnalytics.ContentQuality;

/// <summary>
/// The model's input vector, one featurisation for training and serving: the <see cref="PostFeatures.Count"/> post features,
/// then hashed Russian word n-grams (content words and hashtags, and bigrams of neighbouring content words, stop words
/// removed), then hashed character 3-grams of the words. Text is normalised by <see cref="RussianText"/> (ё→е, й kept), which
/// ML.NET's own text pipeline cannot do (docs/content-features.md). The vector is sparse: a post sets a few hundred slots.
/// </summary>
public static class ContentFeatures
{
    /// <summary>Slots for word unigrams and bigrams.</summary>
    public const int WordNgramSlots = 1024;

    /// <summary>Slots for character 3-grams.</summary>
    public const int CharNgramSlots = 1024;

    /// <summary>Index of the first word n-gram slot.</summary>
    public const int WordSlotsStart = PostFeatures.Count;

    /// <summary>Index of the first character n-gram slot.</summary>
    public const int CharSlotsStart = WordSlotsStart + WordNgramSlots;

    /// <summary>Length of the vector.</summary>
    public const int Length = CharSlotsStart + CharNgramSlots;

    /// <summary>
    /// Raised by hand whenever a definition changes in a way the names cannot show (a lexicon, the tokenizer, a hash), so that
    /// models trained on the old definitions are refused instead of scoring garbage.
    /// </summary>
    public const int DefinitionVersion = 2;

    // Marks a word's start and end in character n-grams, so «_по» (a prefix) differs from «по» inside a word.
    private const char Boundary = '_';

    [ThreadStatic]
    private static float[]? scratch;

    [ThreadStatic]
    private static int[]? scratchSlots;

    /// <summary>
    /// Identifies this featurisation: its version, its slot layout and a hash of the feature names and the lexicons. A model
    /// records it at training; serving refuses a model whose fingerprint differs.
    /// </summary>
    public static string SchemaFingerprint { get; } = ComputeFingerprint();

    /// <summary>The name of a slot: a post feature's name, <c>word#0042</c> or <c>char#0042</c>.</summary>
    public static string SlotName(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Length);
        return slot switch
        {
            < WordSlotsStart => PostFeatures.Names[slot],
            < CharSlotsStart => $"word#{slot - WordSlotsStart:D4}",
            _ => $"char#{slot - CharSlotsStart:D4}",
        };
    }

    /// <summary>The feature vector of one post.</summary>
    public static VBuffer<float> Featurize(PostContent post)
    {
        var vector = default(VBuffer<float>);
        Featurize(post, ref vector);
        return vector;
    }

    /// <summary>Writes the feature vector of one post into <paramref name="destination"/>, reusing its buffers when they are big enough.</summary>
    public static void Featurize(PostContent post, ref VBuffer<float> destination)
    {
        ArgumentNullException.ThrowIfNull(post);
        var counts = scratch ??= new float[Length];
        var setSlots = scratchSlots ??= new int[Length];
        FeaturizeDense(post, counts);

        // One scan finds the slots set, in order; zeroing just those leaves the n-gram slots zero for the next post (a post
        // feature of −0 is left out of the vector, as −0 == 0, and stays behind, but the next post's features overwrite it).
        var nonZero = 0;
        for (var slot = 0; slot < counts.Length; slot++)
        {
            if (counts[slot] != 0)
            {
                setSlots[nonZero++] = slot;
            }
        }

        var editor = VBufferEditor.Create(ref destination, Length, nonZero, requireIndicesOnDense: false);
        for (var k = 0; k < nonZero; k++)
        {
            var slot = setSlots[k];
            editor.Values[k] = counts[slot];
            if (!editor.Indices.IsEmpty)
            {
                editor.Indices[k] = slot;
            }

            counts[slot] = 0;
        }

        destination = editor.Commit();
    }

    /// <summary>
    /// Writes the feature vector of one post into <paramref name="counts"/> densely, one float per slot: the values
    /// <see cref="Featurize(PostContent)"/> stores, and 0 (or −0, which it leaves out too) in every other slot. The n-gram slots
    /// of <paramref name="counts"/> must be zero on entry (they are counted into; the post features are overwritten).
    /// </summary>
    private static void FeaturizeDense(PostContent post, Span<float> counts)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentOutOfRangeException.ThrowIfNotEqual(counts.Length, Length, nameof(counts));
        using var analysis = TextAnalysis.Run(post.Text);
        PostFeatureExtractor.Extract(post, analysis).CopyTo(counts);
        CountGrams(analysis, counts, texts: null);
    }

    /// <summary>
    /// What each of <paramref name="slots"/> stands for in <paramref name="posts"/>: the most frequent n-gram hashed into it,
    /// such as <c>word «приходите»</c>, <c>word «новый сквер»</c> or <c>char «_сл»</c>. Post feature slots are named as such;
    /// an n-gram slot no post sets keeps its bare name.
    /// </summary>
    public static IReadOnlyDictionary<int, string> DescribeSlots(IEnumerable<PostContent> posts, IReadOnlyCollection<int> slots)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(slots);
        var wanted = slots.ToHashSet();
        var seen = new Dictionary<int, Dictionary<string, int>>();
        var texts = new List<(int Slot, string Text)>();
        var counts = new float[Length];
        if (wanted.Any(slot => slot >= WordSlotsStart))
        {
            foreach (var post in posts)
            {
                texts.Clear();
                using (var analysis = TextAnalysis.Run(post.Text))
                {
                    CountGrams(analysis, counts, texts);
                }

                foreach (var (slot, text) in texts)
                {
                    if (wanted.Contains(slot))
                    {
                        var forSlot = seen.TryGetValue(slot, out var existing) ? existing : seen[slot] = new Dictionary<string, int>(StringComparer.Ordinal);
                        forSlot[text] = forSlot.GetValueOrDefault(text) + 1;
                    }
                }
            }
        }

        var names = new Dictionary<int, string>();
        foreach (var slot in wanted)
        {
            var name = SlotName(slot);
            if (seen.TryGetValue(slot, out var candidates))
            {
                var top = candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
                name = slot < CharSlotsStart ? $"word «{top}»" : $"char «{top}»";
            }

            names[slot] = name;
        }

        return names;
    }

    /// <summary>
    /// Adds every n-gram of the analysed text to <paramref name="counts"/> (indexed by slot) and, when
    /// <paramref name="texts"/> is given, its text too (the slow path of <see cref="DescribeSlots"/>).
    /// </summary>
    private static void CountGrams(in TextAnalysis analysis, Span<float> counts, List<(int Slot, string Text)>? texts)
    {
        var folded = analysis.Folded;
        var previous = -1; // the previous content token, for bigrams
        for (var t = 0; t < analysis.Tokens.Length; t++)
        {
            var token = analysis.Tokens[t];
            var word = folded.Slice(token.Start, token.Length);
            if (token.Kind == TokenKind.Word)
            {
                CountCharGrams(word, counts, texts);
            }

            var isContent = token.Kind == TokenKind.Hashtag || (token.Kind == TokenKind.Word && !RussianStopWords.Contains(word, token.Hash));
            if (!isContent)
            {
                continue;
            }

            var unigram = WordSlotsStart + (int)(Mix(token.Hash ^ 0x9E3779B9u) & (WordNgramSlots - 1));
            counts[unigram]++;
            texts?.Add((unigram, word.ToString()));
            if (previous >= 0)
            {
                var first = analysis.Tokens[previous];
                var bigram = WordSlotsStart + (int)(Mix((first.Hash * 0x01000193u) ^ token.Hash ^ 0x85EBCA6Bu) & (WordNgramSlots - 1));
                counts[bigram]++;
                texts?.Add((bigram, $"{folded.Slice(first.Start, first.Length)} {word}"));
            }

            previous = t;
        }
    }

    private static void CountCharGrams(ReadOnlySpan<char> word, Span<float> counts, List<(int Slot, string Text)>? texts)
    {
        // The word with a boundary mark on each side: «_слово_» gives «_сл», «сло», «лов», «ово», «во_».
        var padded = word.Length + 2;
        for (var i = 0; i + 3 <= padded; i++)
        {
            var a = i == 0 ? Boundary : word[i - 1];
            var b = i + 1 == padded - 1 ? Boundary : word[i];
            var c = i + 2 == padded - 1 ? Boundary : word[i + 1];
            var hash = WordTable.Step(WordTable.Step(WordTable.Step(2166136261u, a), b), c);
            var slot = CharSlotsStart + (int)(Mix(hash) & (CharNgramSlots - 1));
            counts[slot]++;
            texts?.Add((slot, new string([a, b, c])));
        }
    }

    /// <summary>Murmur3's finaliser: spreads FNV's weak low bits before they are masked into a slot.</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }

    private static string ComputeFingerprint()
    {
        var description = new StringBuilder()
            .Append("v").Append(DefinitionVersion)
            .Append('|').AppendJoin(',', PostFeatures.Names)
            .Append("|w").Append(WordNgramSlots).Append("|c").Append(CharNgramSlots)
            .Append('|').AppendJoin(',', RussianStopWords.Words.Order(StringComparer.Ordinal))
            .Append('|').AppendJoin(',', BureaucraticLexicon.Stems).Append('|').AppendJoin(',', BureaucraticLexicon.Phrases)
            .Append('|').AppendJoin(',', CallToActionLexicon.Words).Append('|').AppendJoin(',', CallToActionLexicon.Phrases);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.ToString())));
        return $"content-features/v{DefinitionVersion}/{PostFeatures.Count}+{WordNgramSlots}w+{CharNgramSlots}c/{hash[..16]}";
    }
}
