using GosAnalytics.Core.Domain;

namespace GosAnalytics.Demo;

/// <summary>Observable features of a post: everything here can be recovered from the post itself.</summary>
internal readonly record struct DemoContentFeatures(
    int Length,
    int Paragraphs,
    int Emoji,
    bool HasQuestion,
    bool HasCallToAction,
    double BureaucraticShare,
    int Photos,
    bool HasVideo,
    bool HasPoll,
    bool HasLinkOrDocument,
    int LocalHour,
    bool IsWeekend,
    bool IsRepost);

/// <summary>
/// The true content effect of a post: a deterministic function of its own features (docs/demo-data.md, "Content effect").
/// It shifts log-interactions one for one and log-views by <see cref="ViewsShare"/>.
/// </summary>
internal static class DemoContentModel
{
    public const double ViewsShare = 0.4;

    /// <summary>Extra log-effect on comments of a post that asks a question or calls to act.</summary>
    public const double CommentsCallBonus = 0.4;

    /// <summary>Extra log-effect on reposts of a post with a link or document (useful to pass on).</summary>
    public const double RepostsUsefulBonus = 0.2;

    public static double Effect(in DemoContentFeatures features)
    {
        var effect = 0.0;

        if (features.IsRepost)
        {
            effect -= 0.6;
        }
        else
        {
            effect += LengthEffect(features.Length);
        }

        effect -= 1.0 * features.BureaucraticShare;

        if (features.Photos >= 1)
        {
            effect += 0.25;
        }

        if (features.Photos >= 3)
        {
            effect += 0.10;
        }

        if (features.HasVideo)
        {
            effect += 0.35;
        }

        if (features.HasPoll)
        {
            effect += 0.10;
        }

        if (features.Photos == 0 && !features.HasVideo && features.HasLinkOrDocument)
        {
            effect -= 0.10;
        }

        if (features.HasQuestion || features.HasCallToAction)
        {
            effect += 0.15;
        }

        effect += 0.05 * Math.Min(features.Emoji, 3);
        if (features.Paragraphs >= 2)
        {
            effect += 0.10;
        }

        effect += features.LocalHour switch
        {
            < 7 => -0.30,
            >= 22 => -0.10,
            >= 18 => 0.15,
            _ => 0.0,
        };

        if (features.IsWeekend)
        {
            effect += 0.10;
        }

        return effect;
    }

    /// <summary>Too short and too long both hurt; 300–1,200 characters is neutral (the best).</summary>
    public static double LengthEffect(int length) => length switch
    {
        0 => -0.45,
        < 300 => -0.45 * (1.0 - length / 300.0),
        <= 1200 => 0.0,
        _ => -Math.Min(0.6, 0.3 * Math.Log2(length / 1200.0)),
    };

    /// <summary>Reads the text-borne features in one pass.</summary>
    public static (int Paragraphs, int Emoji, bool HasQuestion) ScanText(string text)
    {
        if (text.Length == 0)
        {
            return (0, 0, false);
        }

        var paragraphs = 1;
        var emoji = 0;
        var question = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '?')
            {
                question = true;
            }
            else if (ch == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                paragraphs++;
                i++;
            }
            else if (char.IsHighSurrogate(ch))
            {
                emoji++;
                i++;
            }
            else if (ch is >= '\u2600' and <= '\u27BF')
            {
                emoji++;
            }
        }

        return (paragraphs, emoji, question);
    }

    public static DemoContentFeatures Features(DemoText text, IReadOnlyDictionary<AttachmentKind, int> attachments, bool isRepost, int localHour, bool isWeekend)
    {
        var (paragraphs, emoji, question) = ScanText(text.Text);
        return new DemoContentFeatures(
            text.Text.Length,
            paragraphs,
            emoji,
            question,
            text.HasCallToAction,
            text.Sentences == 0 ? 0 : (double)text.BureaucraticSentences / text.Sentences,
            attachments.GetValueOrDefault(AttachmentKind.Photo),
            attachments.ContainsKey(AttachmentKind.Video),
            attachments.ContainsKey(AttachmentKind.Poll),
            attachments.ContainsKey(AttachmentKind.Link) || attachments.ContainsKey(AttachmentKind.Document),
            localHour,
            isWeekend,
            isRepost);
    }
}
