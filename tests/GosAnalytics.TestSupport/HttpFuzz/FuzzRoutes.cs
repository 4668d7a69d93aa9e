using System.Text.Json;

namespace GosAnalytics.TestSupport.HttpFuzz;

/// <summary>One parameter of a route as the OpenAPI document describes it (references resolved); <paramref name="Required"/>: a query without it is invalid.</summary>
public sealed record FuzzParameter(string Name, string In, string Type, IReadOnlyList<string> Enum, long? Minimum, long? Maximum, string? Format, string? Pattern, bool Required = false)
{
    public bool InPath => In == "path";
}

/// <summary>One operation of the OpenAPI document: method, path template, parameters, whether it takes a body and a key.</summary>
public sealed record FuzzRoute(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, bool HasBody, bool NeedsKey)
{
    public string Name => $"{Method} {Path}";
}

/// <summary>Reads the routes the fuzz covers from the API's own OpenAPI document (<c>/api/openapi.json</c>).</summary>
public static class FuzzRoutes
{
    public static IReadOnlyList<FuzzRoute> Read(JsonElement document)
    {
        var routes = new List<FuzzRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description")
                {
                    continue;
                }

                // Header parameters (the MAX webhook's secret) are not the query's: the fuzz sends hostile headers of its own.
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => ReadParameter(document, Resolve(document, p))).Where(p => p.In != "header").ToList()
                    : [];
                var hasBody = operation.Value.TryGetProperty("requestBody", out _);
                var needsKey = operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                routes.Add(new FuzzRoute(operation.Name.ToUpperInvariant(), path.Name, parameters, hasBody, needsKey));
            }
        }

        return routes;
    }

    private static FuzzParameter ReadParameter(JsonElement document, JsonElement parameter)
    {
        var schema = Resolve(document, parameter.GetProperty("schema"));
        string[] values = schema.TryGetProperty("enum", out var list) ? [.. list.EnumerateArray().Select(v => v.ToString())] : [];
        return new FuzzParameter(
            parameter.GetProperty("name").GetString()!,
            parameter.GetProperty("in").GetString()!,
            schema.TryGetProperty("type", out var type) ? type.GetString()! : "string",
            values,
            schema.TryGetProperty("minimum", out var min) ? min.GetInt64() : null,
            schema.TryGetProperty("maximum", out var max) ? max.GetInt64() : null,
            schema.TryGetProperty("format", out var format) ? format.GetString() : null,
            schema.TryGetProperty("pattern", out var pattern) ? pattern.GetString() : null,
            parameter.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            element = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                element = element.GetProperty(part);
            }
        }

        return element;
    }
}
