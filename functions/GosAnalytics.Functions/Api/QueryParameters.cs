using System.Globalization;
using GosAnalytics.Core.Domain;
using Microsoft.AspNetCore.Http;

namespace GosAnalytics.Functions.Api;

/// <summary>Reads query parameters strictly: a value that is present but malformed is an error naming the parameter, never a default.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// The one check every GET route makes first: each parameter of the query is one the route reads (names compare as the query's
    /// keys do, ignoring case). An unknown one — a typo such as <c>regoin=28</c> — is an error naming it, never silently ignored, so a
    /// filter that did not apply cannot pass for one that did.
    /// </summary>
    public static void OnlyKnown(IQueryCollection query, ParameterErrors errors, params string[] known)
    {
        foreach (var name in query.Keys)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(
                    name.Length == 0 ? "(empty name)" : Truncate(name),
                    $"Parameter '{Truncate(name)}' is not known: {(known.Length == 0 ? "this route takes no parameters." : $"this route takes {string.Join(", ", known)}.")}");
            }
        }
    }

    public static string? Single(IQueryCollection query, string name, ParameterErrors errors)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, $"Parameter '{name}' is given more than once.");
            return null;
        }

        var value = values[0]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(name, $"Parameter '{name}' is empty.");
            return null;
        }

        return value;
    }

    public static int Integer(IQueryCollection query, string name, int defaultValue, int min, int max, ParameterErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return defaultValue;
        }

        // Digits with an optional sign, nothing else: int.TryParse alone also takes trailing NUL characters ("28\0").
        var digits = text.AsSpan(text[0] is '+' or '-' ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')
            || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"Parameter '{name}' must be an integer from {min} to {max}; got '{Truncate(text)}'.");
            return defaultValue;
        }

        return value;
    }

    public static T? Choice<T>(IQueryCollection query, string name, ParameterErrors errors)
        where T : struct, Enum
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!EnumCodes.TryParse<T>(text, out var value))
        {
            errors.Add(name, $"Parameter '{name}' must be one of {string.Join(", ", EnumCodes.AllCodes<T>())}; got '{Truncate(text)}'.");
            return null;
        }

        return value;
    }

    /// <summary>An optional <c>true</c> / <c>false</c> parameter.</summary>
    public static bool? Boolean(IQueryCollection query, string name, ParameterErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, $"Parameter '{name}' must be one of true, false; got '{Truncate(text)}'.");
            return null;
        }

        return value;
    }

    /// <summary>An optional <c>region</c>-style parameter: the code of a federal subject, e.g. 28.</summary>
    public static int? Region(IQueryCollection query, string name, ParameterErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!Regions.TryParseCode(text, out var code))
        {
            errors.Add(name, RegionError("Parameter", name, text));
            return null;
        }

        return code;
    }

    /// <summary>The message for a bad region code; <paramref name="what"/> is "Parameter" or "Route parameter".</summary>
    public static string RegionError(string what, string name, string text) =>
        $"{what} '{name}' must be the code of a Russian federal subject (e.g. 28 for Amur oblast); got '{Truncate(text)}'.";


    /// <summary>Echoed values are cut short so an error never reflects a huge input.</summary>
    public static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
