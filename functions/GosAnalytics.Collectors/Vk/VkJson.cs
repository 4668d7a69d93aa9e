using System.Globalization;
using System.Text.Json;

namespace GosAnalytics.Collectors.Vk;

/// <summary>
/// Tolerant reads of VK JSON: almost every field of the 5.199 schema is optional, numbers sometimes come as strings,
/// flags as 0/1 or booleans, and new members appear without notice. A missing or odd-typed field reads as null.
/// </summary>
internal static class VkJson
{
    public static long? Int64(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number when value.GetDouble() is var real && Math.Abs(real) < long.MaxValue => (long)real,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            _ => null,
        };
    }

    /// <summary>A 0/1 or boolean flag; absent reads as false.</summary>
    public static bool Flag(JsonElement element, string name) => Int64(element, name) is > 0;

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>A counter object such as <c>likes</c> or <c>views</c>: its <c>count</c>, or null when the object is absent.</summary>
    public static long? Count(JsonElement element, string name) => Object(element, name) is { } counter ? Int64(counter, "count") : null;

    /// <summary>A unix time; absent, zero or beyond the calendar (a broken field) reads as null.</summary>
    public static DateTimeOffset? UnixTime(JsonElement element, string name) =>
        Int64(element, name) is { } seconds and > 0 and <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private const long MaxUnixSeconds = 253_402_300_799;
}
