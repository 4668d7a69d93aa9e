namespace GosAnalytics.Core.Domain;

/// <summary>API codes and Russian names of the federal districts.</summary>
public static class FederalDistricts
{
    private static readonly (FederalDistrict District, string Code, string RussianName)[] Table =
    [
        (FederalDistrict.Central, "central", "Центральный федеральный округ"),
        (FederalDistrict.NorthWestern, "north-western", "Северо-Западный федеральный округ"),
        (FederalDistrict.Southern, "southern", "Южный федеральный округ"),
        (FederalDistrict.NorthCaucasian, "north-caucasian", "Северо-Кавказский федеральный округ"),
        (FederalDistrict.Volga, "volga", "Приволжский федеральный округ"),
        (FederalDistrict.Ural, "ural", "Уральский федеральный округ"),
        (FederalDistrict.Siberian, "siberian", "Сибирский федеральный округ"),
        (FederalDistrict.FarEastern, "far-eastern", "Дальневосточный федеральный округ"),
    ];

    public static string ToCode(this FederalDistrict district) => Table.First(row => row.District == district).Code;

    public static string RussianName(this FederalDistrict district) => Table.First(row => row.District == district).RussianName;
}
