using System.Runtime.CompilerServices;

namespace GosAnalytics.ContentQuality;

/// <summary>
/// A read-only open-addressing set of words looked up by span with a hash the tokenizer already computed while folding
/// (FNV-1a over the folded characters), so a word costs one probe instead of re-hashing per list. Thread-safe after construction.
/// </summary>
internal sealed class WordTable
{
    public const uint Seed = 2166136261u;

    private readonly string[] keys;
    private readonly int[] slots; // entry index + 1; 0 is empty
    private readonly int mask;

    public WordTable(IEnumerable<string> words)
    {
        keys = [.. words.Distinct(StringComparer.Ordinal)];
        var size = 16;
        while (size < keys.Length * 4)
        {
            size *= 2;
        }

        slots = new int[size];
        mask = size - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            var slot = Slot(Hash(keys[i]));
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = i + 1;
        }
    }

    public int Count => keys.Length;

    public string this[int index] => keys[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint hash, char c) => (hash ^ c) * 16777619u;

    public static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = Seed;
        foreach (var c in word)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    /// <summary>The entry index of <paramref name="word"/>, or −1; <paramref name="hash"/> must be <see cref="Hash"/> of it.</summary>
    public int Find(ReadOnlySpan<char> word, uint hash)
    {
        var slot = Slot(hash);
        while (true)
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (word.SequenceEqual(keys[entry - 1]))
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    public int Find(ReadOnlySpan<char> word) => Find(word, Hash(word));

    private int Slot(uint hash) => (int)((hash ^ (hash >> 15)) & (uint)mask);
}
