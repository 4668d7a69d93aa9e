using System.Text.Json.Serialization.Metadata;

namespace GosAnalytics.Core.Json;

/// <summary>
/// Writes the marked property's own properties in its place, so an answer composed of parts (a run stamp, a list envelope,
/// a page and its post) keeps the flat JSON its clients read. Serialization only: a type with a flattened property is written, never read.
/// A property the outer type declares itself wins over a part's of the same name: an answer's post <c>url</c> is the one it resolves
/// (<c>ContentPage.PostUrl</c>), not the stored post's own.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class JsonFlattenAttribute : Attribute
{
    internal static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !info.Properties.Any(IsFlattened))
        {
            return;
        }

        var own = info.Properties.Where(p => !IsFlattened(p)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var outer = info.Properties[i];
            if (!IsFlattened(outer) || outer.Get is not { } getPart)
            {
                continue;
            }

            info.Properties.RemoveAt(i);
            var at = i;
            foreach (var inner in info.Options.GetTypeInfo(outer.PropertyType).Properties)
            {
                if (inner.Get is not { } getValue || own.Contains(inner.Name))
                {
                    continue;
                }

                var flat = info.CreateJsonPropertyInfo(inner.PropertyType, inner.Name);
                flat.Get = owner => getPart(owner) is { } part ? getValue(part) : null;
                flat.CustomConverter = inner.CustomConverter;
                flat.ShouldSerialize = inner.ShouldSerialize is { } should ? (owner, value) => getPart(owner) is { } part && should(part, value) : null;
                info.Properties.Insert(at++, flat);
            }
        }
    }

    private static bool IsFlattened(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(JsonFlattenAttribute), inherit: false) == true;
}
