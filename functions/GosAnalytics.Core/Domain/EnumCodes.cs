using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GosAnalytics.Core.Domain;

/// <summary>
/// The one way to turn an enumeration into its code and back. A member's code is its <see cref="JsonStringEnumMemberNameAttribute"/>
/// or, without one, its name in camelCase (<c>Vk</c> → <c>vk</c>, <c>ErViews</c> → <c>erViews</c>). The same code is used by
/// query parameters, API answers, CSV, table columns, blobs and queue messages (<see cref="Json.JsonConventions"/>).
/// </summary>
public static class EnumCodes
{
    public static string ToCode<T>(this T value)
        where T : struct, Enum =>
        Codes<T>.ByValue.TryGetValue(value, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Parses a code, trimmed and case-insensitively (<c>VK</c>, <c>erviews</c>).</summary>
    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        if (code is not null && Codes<T>.ByCode.TryGetValue(code.Trim(), out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every member, in declaration order.</summary>
    public static IReadOnlyList<T> All<T>()
        where T : struct, Enum => Codes<T>.Values;

    /// <summary>Every member's code, in declaration order.</summary>
    public static IReadOnlyList<string> AllCodes<T>()
        where T : struct, Enum => Codes<T>.CodeList;

    private static class Codes<T>
        where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();

        public static readonly string[] CodeList = Values.Select(CodeOf).ToArray();

        public static readonly FrozenDictionary<T, string> ByValue = Values.Zip(CodeList).ToFrozenDictionary(p => p.First, p => p.Second);

        public static readonly FrozenDictionary<string, T> ByCode =
            Values.Zip(CodeList).ToFrozenDictionary(p => p.Second, p => p.First, StringComparer.OrdinalIgnoreCase);

        private static string CodeOf(T value)
        {
            var name = value.ToString();
            var attribute = typeof(T).GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>();
            return attribute?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(name);
        }
    }
}
