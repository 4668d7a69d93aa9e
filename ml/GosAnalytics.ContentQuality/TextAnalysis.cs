using System.Buffers;

namespace GosAnalytics.ContentQuality;

/// <summary>
/// The analysed form of one text on pooled buffers: cleaned characters (case kept), folded token characters at the same
/// indices, tokens and counts. Dispose returns the buffers; nothing here may outlive the <c>using</c> block.
/// </summary>
internal ref struct TextAnalysis
{
    private char[]? chars;
    private Token[]? tokenArray;

    /// <summary>The text with URLs and mentions removed, case kept.</summary>
    public ReadOnlySpan<char> Cleaned;

    /// <summary>Same indices as <see cref="Cleaned"/>; folded (lower case, ё→е) inside tokens, undefined elsewhere.</summary>
    public Span<char> Folded;

    public Span<Token> Tokens;
    public TextStats Stats;
    public int Urls;
    public int Mentions;

    public static TextAnalysis Run(string? text, List<Range>? sentences = null)
    {
        var analysis = new TextAnalysis();
        if (string.IsNullOrEmpty(text))
        {
            return analysis;
        }

        text = RussianText.Compose(text);
        analysis.chars = ArrayPool<char>.Shared.Rent(text.Length * 2);
        var cleanedBuffer = analysis.chars.AsSpan(0, text.Length);
        var length = RussianText.Clean(text, cleanedBuffer, out analysis.Urls, out analysis.Mentions);
        analysis.Cleaned = cleanedBuffer[..length];
        analysis.Folded = analysis.chars.AsSpan(text.Length, length);

        // Tokens are separated by at least one character, so there are at most ⌈length / 2⌉ of them.
        analysis.tokenArray = ArrayPool<Token>.Shared.Rent(length / 2 + 1);
        var count = RussianText.Analyse(analysis.Cleaned, analysis.Folded, analysis.tokenArray, ref analysis.Stats, sentences);
        analysis.Tokens = analysis.tokenArray.AsSpan(0, count);
        return analysis;
    }

    /// <summary>The whole cleaned text folded (lower case, ё→е), for <see cref="RussianText.Normalize"/>.</summary>
    public readonly ReadOnlySpan<char> FoldAll()
    {
        for (var i = 0; i < Cleaned.Length; i++)
        {
            Folded[i] = RussianText.Fold(Cleaned[i]);
        }

        return Folded;
    }

    public void Dispose()
    {
        if (chars is not null)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = null;
        }

        if (tokenArray is not null)
        {
            ArrayPool<Token>.Shared.Return(tokenArray);
            tokenArray = null;
        }

        Cleaned = default;
        Folded = default;
        Tokens = default;
    }
}
