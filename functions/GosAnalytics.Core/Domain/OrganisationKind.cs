namespace GosAnalytics.Core.Domain;

/// <summary>Kind of organisation that runs a page; one axis of the fair peer group.</summary>
public enum OrganisationKind
{
    RegionalAuthority,
    Municipality,
    Education,
    Healthcare,
    Culture,
    SocialProtection,
    Sport,
    Youth,
    Utilities,
    Other,
}

public static class OrganisationKinds
{
    private static readonly (OrganisationKind Kind, string Code, string RussianName)[] Table =
    [
        (OrganisationKind.RegionalAuthority, "regional-authority", "Органы власти региона"),
        (OrganisationKind.Municipality, "municipality", "Органы местного самоуправления"),
        (OrganisationKind.Education, "education", "Образование"),
        (OrganisationKind.Healthcare, "healthcare", "Здравоохранение"),
        (OrganisationKind.Culture, "culture", "Культура"),
        (OrganisationKind.SocialProtection, "social-protection", "Социальная защита"),
        (OrganisationKind.Sport, "sport", "Спорт"),
        (OrganisationKind.Youth, "youth", "Молодёжная политика"),
        (OrganisationKind.Utilities, "utilities", "ЖКХ и благоустройство"),
        (OrganisationKind.Other, "other", "Прочие учреждения"),
    ];

    public static IReadOnlyList<string> AllCodes { get; } = Table.Select(row => row.Code).ToArray();

    public static string ToCode(this OrganisationKind kind) => Table.First(row => row.Kind == kind).Code;

    public static string RussianName(this OrganisationKind kind) => Table.First(row => row.Kind == kind).RussianName;

    public static bool TryParse(string? code, out OrganisationKind kind)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = row.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
