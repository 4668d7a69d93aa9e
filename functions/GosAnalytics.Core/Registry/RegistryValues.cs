using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Registry;

/// <summary>
/// Reads the platform, region and kind cells of a registry file. Lenient where analysts' spreadsheets differ harmlessly
/// (Russian platform names, Russian kind names, case, "ё"), strict otherwise; each error message quotes the cell.
/// </summary>
internal static class RegistryValues
{
    private static readonly Dictionary<string, Platform> PlatformAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vk"] = Platform.Vk,
        ["вк"] = Platform.Vk,
        ["вконтакте"] = Platform.Vk,
        ["ok"] = Platform.Ok,
        ["ок"] = Platform.Ok,
        ["одноклассники"] = Platform.Ok,
        ["telegram"] = Platform.Telegram,
        ["телеграм"] = Platform.Telegram,
        ["телеграмм"] = Platform.Telegram, // a common spelling in Russian spreadsheets
        ["max"] = Platform.Max,
        ["макс"] = Platform.Max,
    };

    public static bool TryParsePlatform(string text, out Platform platform, out string error)
    {
        var value = text.Trim();
        if (PlatformAliases.TryGetValue(value, out platform))
        {
            error = "";
            return true;
        }

        error = value.Length == 0
            ? "empty; expected vk, ok, telegram or max."
            : $"{PageIdentifiers.Quote(value)} is not a platform: expected vk, ok, telegram or max (or вк, вконтакте, ок, одноклассники, телеграм, макс).";
        return false;
    }

    /// <summary>A federal subject code as plain digits (leading zeros allowed, as in "01").</summary>
    public static bool TryParseRegion(string text, out int code, out string error)
    {
        var value = text.Trim();
        if (Regions.TryParseCode(value, out code))
        {
            error = "";
            return true;
        }

        error = value.Length == 0
            ? "empty; expected a region code (a federal subject code, e.g. 28 for Amur oblast)."
            : $"{PageIdentifiers.Quote(value)} is not a region code: expected one of the {Regions.All.Count} federal subject codes from 1 to {Regions.All[^1].Code} (e.g. 28 for Amur oblast).";
        return false;
    }

    /// <summary>An organisation kind by its code (<c>education</c>) or its Russian name (<c>Образование</c>), ignoring case and ё/е.</summary>
    public static bool TryParseKind(string text, out OrganisationKind kind, out string error)
    {
        var value = text.Trim();
        if (EnumCodes.TryParse<OrganisationKind>(value, out kind))
        {
            error = "";
            return true;
        }

        var folded = Fold(value);
        foreach (var candidate in Enum.GetValues<OrganisationKind>())
        {
            if (Fold(candidate.RussianName()) == folded)
            {
                kind = candidate;
                error = "";
                return true;
            }
        }

        error = value.Length == 0
            ? $"empty; expected an organisation kind: {string.Join(", ", EnumCodes.AllCodes<OrganisationKind>())}."
            : $"{PageIdentifiers.Quote(value)} is not an organisation kind: expected one of {string.Join(", ", EnumCodes.AllCodes<OrganisationKind>())} or its Russian name (e.g. Образование).";
        return false;
    }

    private static string Fold(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace('ё', 'е').Replace('Ё', 'Е').ToLowerInvariant();
}
