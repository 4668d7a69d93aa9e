namespace GosAnalytics.Core.Domain;

/// <summary>Russian names of the federal districts (their codes are <see cref="EnumCodes"/> codes).</summary>
public static class FederalDistricts
{
    private static readonly Dictionary<FederalDistrict, string> RussianNames = new()
    {
        [FederalDistrict.Central] = "Центральный федеральный округ",
        [FederalDistrict.NorthWestern] = "Северо-Западный федеральный округ",
        [FederalDistrict.Southern] = "Южный федеральный округ",
        [FederalDistrict.NorthCaucasian] = "Северо-Кавказский федеральный округ",
        [FederalDistrict.Volga] = "Приволжский федеральный округ",
        [FederalDistrict.Ural] = "Уральский федеральный округ",
        [FederalDistrict.Siberian] = "Сибирский федеральный округ",
        [FederalDistrict.FarEastern] = "Дальневосточный федеральный округ",
    };

    public static string RussianName(this FederalDistrict district) => RussianNames[district];
}
