using System.Text.Json;
using System.Text.Json.Serialization;
using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Json;

/// <summary>
/// Writes enumerations as their <see cref="EnumCodes"/> code. Reads the code and, for documents written before codes were
/// unified, the member name in any case (<c>regionalAuthority</c> as well as <c>regional-authority</c>).
/// </summary>
internal sealed class EnumCodeConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumCodeConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumCodeConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"Expected a {typeof(T).Name} code as a string.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToCode());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToCode());

        private static T Parse(string? text)
        {
            if (EnumCodes.TryParse<T>(text, out var value))
            {
                return value;
            }

            // Legacy: member names (camelCase) as JsonStringEnumConverter wrote them; digits are not member names.
            if (text is { Length: > 0 } && !char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value))
            {
                return value;
            }

            throw new JsonException($"'{text}' is not a {typeof(T).Name} code (expected one of: {string.Join(", ", EnumCodes.AllCodes<T>())}).");
        }
    }
}
