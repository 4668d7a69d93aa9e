using System.Text;
using System.Text.RegularExpressions;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// A platform's own error message made safe to quote in logs, skip reasons, run notices, blobs and tables: platforms echo parts of the
/// request, so every credential the caller names is masked, and so is anything else token-like (a <c>token=…</c> or <c>key=…</c>
/// pair, a long run of letters and digits); the text is kept to one short line.
/// </summary>
internal static partial class PlatformMessages
{
    /// <summary>Messages are quoted in skip reasons; this keeps a verbose one from flooding the run report.</summary>
    public const int MaxLength = 300;

    public const string Mask = "***";

    public static string Quote(string? message, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrWhiteSpace(message))
        {
            return "no error message";
        }

        var text = message;
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, Mask, StringComparison.OrdinalIgnoreCase);
        }

        text = SecretPair().Replace(text, match => match.Groups["name"].Value + match.Groups["separator"].Value + Mask);
        text = TokenLike().Replace(text, Mask);

        var line = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var character in text)
        {
            line.Append(char.IsControl(character) ? ' ' : character);
            if (line.Length > MaxLength)
            {
                line.Length = MaxLength;
                line.Append('…');
                break;
            }
        }

        return line.ToString().Trim();
    }

    /// <summary><c>access_token=…</c>, <c>"secret_key": "…"</c> and the like: the value after a credential's name.</summary>
    [GeneratedRegex(@"(?<name>\b[\w-]*(?:token|secret|key|sig|signature|password|pwd)\b""?)(?<separator>\s*[=:]\s*""?)(?!\*\*\*)[^\s&;,""'}]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPair();

    /// <summary>A run of 24 or more token characters with both letters and digits (VK's <c>vk1.a.…</c>, hex keys, signatures).</summary>
    [GeneratedRegex(@"(?<![\w.~+/=-])(?=[\w.~+/=-]*[0-9])(?=[\w.~+/=-]*[A-Za-z])[\w.~+/=-]{24,}")]
    private static partial Regex TokenLike();
}
