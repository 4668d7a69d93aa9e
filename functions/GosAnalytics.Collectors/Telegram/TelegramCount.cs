using System.Globalization;
using System.Text;

namespace GosAnalytics.Collectors.Telegram;

/// <summary>
/// Reads the counts t.me writes for people: "713", "12 345", "1,234", "1.2K", "3.4M". One reader for view counters,
/// reaction counts and header counters, so that all of them agree on what a number is.
/// </summary>
internal static class TelegramCount
{
    /// <summary>
    /// The count written in <paramref name="text"/>, or null when the text is not a count. Abbreviated values are as exact as
    /// the page: "1.2K" is 1 200 although the real count is anywhere from 1 200 to 1 299.
    /// </summary>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Spaces (also no-break and narrow no-break ones) only separate thousands.
        var compact = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (!char.IsWhiteSpace(character))
            {
                compact.Append(character);
            }
        }

        var digits = compact.ToString();
        var multiplier = MultiplierOf(digits[^1]);
        if (multiplier > 1)
        {
            digits = digits[..^1];
        }

        digits = NormaliseSeparators(digits, abbreviated: multiplier > 1);
        if (digits is null || digits.Length == 0 || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var count = number * multiplier;
        return count > long.MaxValue ? null : (long)decimal.Round(count, MidpointRounding.AwayFromZero);
    }

    // t.me writes Latin K/M; the Cyrillic look-alikes cost nothing and survive a localised page.
    private static long MultiplierOf(char suffix) => suffix switch
    {
        'K' or 'k' or 'К' or 'к' => 1_000,
        'M' or 'm' or 'М' or 'м' => 1_000_000,
        _ => 1,
    };

    /// <summary>
    /// Turns "1,234" into "1234" and "1,2" (a decimal comma) into "1.2". A comma followed by exactly three digits separates
    /// thousands; any other comma is a decimal one. A plain (unabbreviated) count must be whole.
    /// </summary>
    private static string? NormaliseSeparators(string digits, bool abbreviated)
    {
        var groups = digits.Split(',');
        if (groups.Length > 1 && groups.Skip(1).All(group => group.Length == 3 && group.All(char.IsAsciiDigit)))
        {
            digits = string.Concat(groups);
        }
        else if (groups.Length == 2)
        {
            digits = groups[0] + "." + groups[1];
        }
        else if (groups.Length > 2)
        {
            return null;
        }

        var hasFraction = digits.Contains('.', StringComparison.Ordinal);
        if (hasFraction && !abbreviated)
        {
            return null;
        }

        return digits.All(character => char.IsAsciiDigit(character) || character == '.') ? digits : null;
    }
}
