using System.Globalization;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>How an option takes its value.</summary>
internal enum OptionKind
{
    /// <summary><c>--force</c>: present or not.</summary>
    Flag,

    /// <summary><c>--out DIR</c> or <c>--out=DIR</c>.</summary>
    Value,

    /// <summary><c>--storage</c> alone (the value comes from configuration) or <c>--storage VALUE</c>.</summary>
    OptionalValue,
}

/// <summary>An option a command accepts.</summary>
internal sealed record OptionSpec(string Name, OptionKind Kind);

/// <summary>
/// The options of one command line, checked against what the command accepts: <c>--name value</c>, <c>--name=value</c> and flags.
/// Typed getters throw <see cref="CliFailure"/> naming the option, so a typo never becomes a silent default.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> values;

    private CommandLine(Dictionary<string, string?> values) => this.values = values;

    public static CommandLine Parse(IReadOnlyList<string> args, IEnumerable<OptionSpec> accepted)
    {
        var specs = accepted.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw CliFailure.Usage($"unexpected argument '{arg}'; every argument is an option such as --out DIR.");
            }

            var parts = arg[2..].Split('=', 2);
            if (!specs.TryGetValue(parts[0], out var spec))
            {
                throw CliFailure.Usage($"unknown option '--{parts[0]}'.");
            }

            if (values.ContainsKey(spec.Name))
            {
                throw CliFailure.Usage($"--{spec.Name} is given twice.");
            }

            var value = parts.Length == 2 ? parts[1] : null;
            if (value is null && spec.Kind != OptionKind.Flag && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (spec.Kind == OptionKind.Flag && value is not null)
            {
                throw CliFailure.Usage($"--{spec.Name} takes no value.");
            }

            if (spec.Kind == OptionKind.Value && string.IsNullOrWhiteSpace(value))
            {
                throw CliFailure.Usage($"--{spec.Name} needs a value.");
            }

            values[spec.Name] = value;
        }

        return new CommandLine(values);
    }

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The option's value, or null when it is absent or given without one.</summary>
    public string? Value(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw CliFailure.Usage($"--{name} is required.");

    public int Int(string name, int fallback, int min, int max)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw CliFailure.Usage($"--{name} must be a whole number from {min} to {max}; got '{text}'.");
    }

    public double Double(string name, double fallback, double min, double max)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw CliFailure.Usage($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
    }

    public DateOnly Day(string name, string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw CliFailure.Usage($"--{name} takes Moscow days as yyyy-MM-dd; got '{text}'.");

    /// <summary>An instant with an explicit offset (<c>2026-11-29T00:00:00Z</c>), as UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        return Timestamps.TryParseUtc(text, out var instant, out var error)
            ? instant
            : throw CliFailure.Usage($"--{name}: {error}");
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
