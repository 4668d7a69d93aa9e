using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

/// <summary>Kind of organisation that runs a page; one axis of the fair peer group. Codes as in the registry file and the API.</summary>
public enum OrganisationKind
{
    [JsonStringEnumMemberName("regional-authority")]
    RegionalAuthority,
    Municipality,
    Education,
    Healthcare,
    Culture,
    [JsonStringEnumMemberName("social-protection")]
    SocialProtection,
    Sport,
    Youth,
    Utilities,
    Other,
}

public static class OrganisationKinds
{
    private static readonly Dictionary<OrganisationKind, string> RussianNames = new()
    {
        [OrganisationKind.RegionalAuthority] = "Органы власти региона",
        [OrganisationKind.Municipality] = "Органы местного самоуправления",
        [OrganisationKind.Education] = "Образование",
        [OrganisationKind.Healthcare] = "Здравоохранение",
        [OrganisationKind.Culture] = "Культура",
        [OrganisationKind.SocialProtection] = "Социальная защита",
        [OrganisationKind.Sport] = "Спорт",
        [OrganisationKind.Youth] = "Молодёжная политика",
        [OrganisationKind.Utilities] = "ЖКХ и благоустройство",
        [OrganisationKind.Other] = "Прочие учреждения",
    };

    public static string RussianName(this OrganisationKind kind) => RussianNames[kind];
}
