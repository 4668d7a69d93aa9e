using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// The options the commands are made of, as System.CommandLine options that check their own values: a value out of range or of
/// the wrong form is a usage error naming the option (exit 2), so a typo never becomes a silent default.
/// </summary>
internal static class CliOptions
{
    /// <summary><c>--force</c>: present or not, never with a value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary><c>--out DIR</c> or <c>--out=DIR</c>; null when absent.</summary>
    public static Option<string?> Value(string name, string helpName, string description, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary><c>--storage</c> alone (the value comes from configuration) or <c>--storage VALUE</c>; see <see cref="IsGiven(ParseResult, Option)"/>.</summary>
    public static Option<string?> OptionalValue(string name, string helpName, string description, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ZeroOrOne, Required = required };

    public static Option<int> Int(string name, string description, int fallback, int min, int max) =>
        new(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => fallback, CustomParser = r => ParseInt(r, name, min, max) ?? fallback };

    /// <summary>A whole number that is null when absent, for defaults that depend on something else (a model's own split).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max) =>
        new(name) { Description = description, HelpName = "N", CustomParser = r => ParseInt(r, name, min, max) };

    public static Option<double> Double(string name, string description, double fallback, double min, double max) =>
        new(name) { Description = description, HelpName = "X", DefaultValueFactory = _ => fallback, CustomParser = r => ParseDouble(r, name, min, max) ?? fallback };

    public static Option<double?> OptionalDouble(string name, string description, double min, double max) =>
        new(name) { Description = description, HelpName = "X", CustomParser = r => ParseDouble(r, name, min, max) };

    /// <summary>A Moscow day as yyyy-MM-dd.</summary>
    public static Option<DateOnly?> Day(string name, string description) =>
        new(name) { Description = description, HelpName = "DAY", CustomParser = r => Text(r) is { } text ? ParseDay(r, name, text) : null };

    /// <summary>Moscow days as yyyy-MM-dd,yyyy-MM-dd,…</summary>
    public static Option<DateOnly[]?> Days(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "DAY,DAY,…",
            CustomParser = r => Text(r) is { } text
                ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(day => ParseDay(r, name, day) ?? default)]
                : null,
        };

    /// <summary>An instant with an explicit offset (<c>2026-11-29T00:00:00Z</c>), as UTC.</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "ISO",
            CustomParser = r =>
            {
                if (Text(r) is not { } text)
                {
                    return null;
                }

                if (Timestamps.TryParseUtc(text, out var instant, out var error))
                {
                    return instant;
                }

                r.AddError($"{name}: {error}");
                return null;
            },
        };

    /// <summary>Whether the option is on the command line (not merely defaulted); <c>--storage</c> without a value counts.</summary>
    public static bool IsGiven(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <inheritdoc cref="IsGiven(ParseResult, Option)"/>
    public static bool IsGiven(this SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>The option's one value; null without one (System.CommandLine reports that itself).</summary>
    private static string? Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;

    private static int? ParseInt(ArgumentResult result, string name, int min, int max)
    {
        if (Text(result) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(min == int.MinValue && max == int.MaxValue
            ? $"{name} must be a whole number; got '{text}'."
            : string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}; got '{text}'."));
        return null;
    }

    private static double? ParseDouble(ArgumentResult result, string name, double min, double max)
    {
        if (Text(result) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max}; got '{text}'."));
        return null;
    }

    private static DateOnly? ParseDay(ArgumentResult result, string name, string text)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        result.AddError($"{name} takes Moscow days as yyyy-MM-dd; got '{text}'.");
        return null;
    }
}

/// <summary>Timestamps as the CLI reads them: ISO 8601 with an explicit offset, never guessed from the machine's time zone.</summary>
internal static class Timestamps
{
    public static bool TryParseUtc(string text, out DateTimeOffset instant, out string error)
    {
        instant = default;
        error = "";
        var trimmed = text.Trim();
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local))
        {
            error = $"'{trimmed}' is not a date and time; write it as ISO 8601, e.g. 2026-11-01T09:30:00Z.";
            return false;
        }

        // Without an offset the same text means different instants on different machines; the hour features would shift.
        if (local.Kind == DateTimeKind.Unspecified)
        {
            error = $"'{trimmed}' has no UTC offset; write it with Z or an offset, e.g. 2026-11-01T09:30:00Z or 2026-11-01T12:30:00+03:00.";
            return false;
        }

        instant = DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        return true;
    }
}
