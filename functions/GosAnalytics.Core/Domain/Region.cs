using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

/// <summary>A federal subject of Russia.</summary>
/// <param name="Code">Subject code as used in tax and vehicle registers (Amur oblast = 28).</param>
/// <param name="UtcOffsetHours">Standard offset from UTC (Russia keeps no daylight saving time).</param>
public sealed record Region(int Code, string RussianName, FederalDistrict District, int UtcOffsetHours);

public enum FederalDistrict
{
    Central,
    [JsonStringEnumMemberName("north-western")]
    NorthWestern,
    Southern,
    [JsonStringEnumMemberName("north-caucasian")]
    NorthCaucasian,
    Volga,
    Ural,
    Siberian,
    [JsonStringEnumMemberName("far-eastern")]
    FarEastern,
}
