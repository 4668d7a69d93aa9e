using System.Globalization;
using System.Text.Json;

namespace GosAnalytics.Collectors.Http;

/// <summary>
/// Tolerant reads of a platform's JSON (OK's and MAX's): every member is optional and may be null, names may come in either case
/// (OK accepts and echoes field names in upper or lower case), and ids, counters and flags arrive as numbers or as strings. A shape
/// the collector does not know is never an error of the page.
/// </summary>
internal static class PlatformJson
{
    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (element.TryGetProperty(name, out value))
        {
            return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            }
        }

        return false;
    }

    public static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Long(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.Number when value.TryGetDouble(out var real) => (long)real,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static bool? Bool(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt64(out var number) && number != 0,
            JsonValueKind.String => bool.TryParse(value.GetString(), out var parsed) ? parsed : value.GetString() == "1",
            _ => null,
        };
    }

    public static JsonElement? Object(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>The length of an array member, or null when it is missing.</summary>
    public static int? Count(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : null;
}
