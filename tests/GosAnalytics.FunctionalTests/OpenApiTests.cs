using System.Globalization;
using System.Net;
using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Summaries;
using GosAnalytics.Functions.Dashboard;
using GosAnalytics.Pipeline.Serve;

namespace GosAnalytics.FunctionalTests;

/// <summary>The hand-written OpenAPI document against the functions the build emits and the validators the API runs.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(DashboardAssets.OpenApi).RootElement.Clone();

    [Fact]
    public void The_document_parses_as_JSON_and_declares_OpenAPI_3_1()
    {
        Assert.Equal(JsonValueKind.Object, Document.ValueKind);
        Assert.StartsWith("3.1.", Document.GetProperty("openapi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Document.GetProperty("info").GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(Document.GetProperty("info").GetProperty("version").GetString()));
    }

    [Fact]
    public void Every_HTTP_route_in_functions_metadata_is_documented_with_its_method()
    {
        var paths = Document.GetProperty("paths");
        var routes = HttpRoutes();
        Assert.NotEmpty(routes);
        foreach (var (function, route, methods, _) in routes)
        {
            Assert.True(paths.TryGetProperty("/api/" + route, out var path), $"{function}: /api/{route} is not in the OpenAPI paths.");
            foreach (var method in methods)
            {
                Assert.True(path.TryGetProperty(method, out _), $"{function}: /api/{route} does not document method {method}.");
            }
        }
    }

    [Fact]
    public void Admin_routes_declare_the_function_key_and_anonymous_routes_need_none()
    {
        Assert.Equal(0, Document.GetProperty("security").GetArrayLength());
        var schemes = Document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-functions-key", schemes.GetProperty("functionKeyHeader").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("functionKeyHeader").GetProperty("in").GetString());
        Assert.Equal("code", schemes.GetProperty("functionKeyQuery").GetProperty("name").GetString());
        Assert.Equal("query", schemes.GetProperty("functionKeyQuery").GetProperty("in").GetString());
        foreach (var (function, route, methods, authLevel) in HttpRoutes())
        {
            foreach (var method in methods)
            {
                var operation = Document.GetProperty("paths").GetProperty("/api/" + route).GetProperty(method);
                var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                Assert.True(secured == (authLevel != "Anonymous"), $"{function} is {authLevel} but its operation {(secured ? "requires" : "does not require")} a key.");
            }
        }
    }

    [Fact]
    public void Ranking_parameters_have_exactly_the_values_and_ranges_the_API_accepts()
    {
        var rankings = Operation("/api/rankings", "get");
        Assert.Equal(Regions.All.Select(r => r.Code), Schema(rankings, "region").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(EnumCodes.AllCodes<Platform>(), Strings(Schema(rankings, "platform").GetProperty("enum")));
        Assert.Equal(EnumCodes.AllCodes<OrganisationKind>(), Strings(Schema(rankings, "kind").GetProperty("enum")));
        Assert.Equal(EnumCodes.AllCodes<Period>(), Strings(Schema(rankings, "period").GetProperty("enum")));
        Assert.Equal("week", Schema(rankings, "period").GetProperty("default").GetString());
        Assert.Equal(RankingQuery.SortKeys, Strings(Schema(rankings, "sort").GetProperty("enum")));
        Assert.Equal(["json", "csv"], Strings(Schema(rankings, "format").GetProperty("enum")));
        AssertRange(Schema(rankings, "top"), 1, RankingQuery.MaxTop, RankingQuery.DefaultTop);
        AssertRange(Schema(rankings, "skip"), 0, RankingQuery.MaxSkip, 0);

        var page = Operation("/api/pages/{platform}/{pageId}", "get");
        Assert.Equal(EnumCodes.AllCodes<Platform>(), Strings(Schema(page, "platform").GetProperty("enum")));
        Assert.Equal(EnumCodes.AllCodes<Period>(), Strings(Schema(page, "period").GetProperty("enum")));
        AssertRange(Schema(page, "days"), 1, PageProfileQuery.MaxDays, 30);

        var posts = Operation("/api/posts/top", "get");
        Assert.Equal(Regions.All.Select(r => r.Code), Schema(posts, "region").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(EnumCodes.AllCodes<OrganisationKind>(), Strings(Schema(posts, "kind").GetProperty("enum")));
        Assert.Equal(EnumCodes.AllCodes<ContentSort>(), Strings(Schema(posts, "sort").GetProperty("enum")));
        AssertRange(Schema(posts, "top"), 1, TopPostsQuery.MaxTop, TopPostsQuery.DefaultTop);
        AssertRange(Schema(posts, "skip"), 0, TopPostsQuery.MaxSkip, 0);

        var broadcasts = Operation("/api/broadcasts/top", "get");
        Assert.Equal(EnumCodes.AllCodes<Platform>(), Strings(Schema(broadcasts, "platform").GetProperty("enum")));
        Assert.Equal("month", Schema(broadcasts, "period").GetProperty("default").GetString());
        AssertRange(Schema(broadcasts, "top"), 1, TopBroadcastsQuery.MaxTop, TopBroadcastsQuery.DefaultTop);
        AssertRange(Schema(broadcasts, "skip"), 0, TopBroadcastsQuery.MaxSkip, 0);

        Assert.Equal(Regions.All.Select(r => r.Code), Schema(Operation("/api/regions/{code}", "get"), "code").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));

        var organisations = Operation("/api/organisations", "get");
        Assert.Equal(Regions.All.Select(r => r.Code), Schema(organisations, "region").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
        AssertRange(Schema(organisations, "top"), 1, OrganisationQuery.MaxTop, OrganisationQuery.DefaultTop);
        AssertRange(Schema(organisations, "skip"), 0, OrganisationQuery.MaxSkip, 0);
        Assert.Equal(OrganisationQuery.MaxSearchLength, Schema(organisations, "search").GetProperty("maxLength").GetInt32());
        Assert.Equal(GosAnalytics.Core.Registry.RegistryFile.MaxOrganisationIdLength, Schema(Operation("/api/organisations/{id}", "get"), "id").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void Every_reference_in_the_document_resolves()
    {
        var missing = new List<string>();
        Walk(Document, "#");
        Assert.Empty(missing);

        void Walk(JsonElement element, string at)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name == "$ref" && !OpenApiSchemaValidator.TryResolve(Document, property.Value.GetString()!, out _))
                        {
                            missing.Add($"{at}: {property.Value.GetString()}");
                        }

                        Walk(property.Value, at + "/" + property.Name);
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, $"{at}/{i++}");
                    }

                    break;
            }
        }
    }

    private static JsonElement Operation(string path, string method) => Document.GetProperty("paths").GetProperty(path).GetProperty(method);

    /// <summary>A parameter's schema, following <c>$ref</c> to shared parameters and schemas.</summary>
    private static JsonElement Schema(JsonElement operation, string name)
    {
        foreach (var reference in operation.GetProperty("parameters").EnumerateArray())
        {
            var parameter = Resolve(reference);
            if (parameter.GetProperty("name").GetString() == name)
            {
                return Resolve(parameter.GetProperty("schema"));
            }
        }

        throw new Xunit.Sdk.XunitException($"Parameter '{name}' is not documented.");
    }

    private static JsonElement Resolve(JsonElement element) =>
        element.TryGetProperty("$ref", out var reference) && OpenApiSchemaValidator.TryResolve(Document, reference.GetString()!, out var target) ? Resolve(target) : element;

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());

    private static void AssertRange(JsonElement schema, int minimum, int maximum, int defaultValue)
    {
        Assert.Equal("integer", schema.GetProperty("type").GetString());
        Assert.Equal(minimum, schema.GetProperty("minimum").GetInt32());
        Assert.Equal(maximum, schema.GetProperty("maximum").GetInt32());
        Assert.Equal(defaultValue, schema.GetProperty("default").GetInt32());
    }

    /// <summary>HTTP functions from functions.metadata, the file the Functions host reads: name, route, methods, authorization level.</summary>
    internal static List<(string Function, string Route, string[] Methods, string AuthLevel)> HttpRoutes()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions build did not write {path}.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (
                    function.GetProperty("name").GetString()!,
                    binding.GetProperty("route").GetString()!,
                    binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray(),
                    binding.GetProperty("authLevel").GetString()!)))
            .ToList();
    }
}

/// <summary>What the running host serves matches the document: the document itself, and real responses against its schemas.</summary>
public sealed class OpenApiServedTests(DemoPipelineFixture pipeline) : IClassFixture<DemoPipelineFixture>
{
    private static readonly JsonElement Document = JsonDocument.Parse(DashboardAssets.OpenApi).RootElement.Clone();

    [Fact]
    public async Task The_host_serves_the_OpenAPI_document_as_JSON()
    {
        using var response = await pipeline.Http.GetAsync("openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var served = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1.", served.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(DashboardAssets.OpenApi, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("rankings", "/api/rankings", "200")]
    [InlineData("rankings?platform=vk&period=day&sort=responsiveness&top=5&skip=3", "/api/rankings", "200")]
    [InlineData("runs/latest", "/api/runs/latest", "200")]
    [InlineData("model", "/api/model", "200")]
    [InlineData("rankings?sort=contentQuality&period=month&top=5", "/api/rankings", "200")]
    [InlineData("regions", "/api/regions", "200")]
    [InlineData("regions/28?period=month", "/api/regions/{code}", "200")]
    [InlineData("regions/77", "/api/regions/{code}", "404")]
    [InlineData("organisations", "/api/organisations", "200")]
    [InlineData("organisations?region=28&search=%D0%B0&period=month&top=3&skip=1", "/api/organisations", "200")]
    [InlineData("organisations?top=0", "/api/organisations", "400")]
    [InlineData("organisations/demo-28-00000", "/api/organisations/{id}", "200")]
    [InlineData("organisations/unknown-1", "/api/organisations/{id}", "404")]
    [InlineData("posts/top", "/api/posts/top", "200")]
    [InlineData("posts/top?sort=erViews&platform=vk&top=3", "/api/posts/top", "200")]
    [InlineData("broadcasts/top", "/api/broadcasts/top", "200")]
    [InlineData("rankings?region=999&top=0", "/api/rankings", "400")]
    [InlineData("pages/vk/999999999999", "/api/pages/{platform}/{pageId}", "404")]
    [InlineData("regions/28/worklists", "/api/regions/{code}/worklists", "200")]
    [InlineData("regions/28/worklists?list=lowAnswers&period=month&answeredBelow=0.8", "/api/regions/{code}/worklists", "200")]
    [InlineData("regions/77/worklists", "/api/regions/{code}/worklists", "404")]
    [InlineData("regions/28/worklists?list=everything", "/api/regions/{code}/worklists", "400")]
    [InlineData("reports/weekly?region=77", "/api/reports/weekly", "404")]
    [InlineData("reports/weekly?region=28&format=csv", "/api/reports/weekly", "400")]
    public async Task Responses_match_their_documented_schema(string url, string path, string status)
    {
        using var response = await pipeline.Http.GetAsync(url);
        Assert.Equal(status, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        AssertMatches(path, status, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_profile_matches_its_documented_schema()
    {
        using var rankings = JsonDocument.Parse(await pipeline.Http.GetStringAsync("rankings?top=1"));
        var first = rankings.RootElement.GetProperty("items")[0];
        using var response = await pipeline.Http.GetAsync($"pages/{first.GetProperty("platform").GetString()}/{first.GetProperty("pageId").GetString()}?period=month&days=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertMatches("/api/pages/{platform}/{pageId}", "200", response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    internal static void AssertMatches(string path, string status, string? mediaType, string body)
    {
        var responses = Document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses");
        var documented = responses.GetProperty(status);
        if (documented.TryGetProperty("$ref", out var reference))
        {
            Assert.True(OpenApiSchemaValidator.TryResolve(Document, reference.GetString()!, out documented));
        }

        Assert.NotNull(mediaType);
        Assert.True(documented.GetProperty("content").TryGetProperty(mediaType, out var content), $"{path} {status}: media type {mediaType} is not documented.");
        using var json = JsonDocument.Parse(body);
        var errors = OpenApiSchemaValidator.Validate(Document, content.GetProperty("schema"), json.RootElement);
        Assert.True(errors.Count == 0, $"{path} {status} does not match its schema:\n{string.Join("\n", errors.Take(20))}");
    }
}

/// <summary>
/// The part of JSON Schema 2020-12 the document uses: $ref, type (one or a list), properties, required,
/// additionalProperties, items, enum, oneOf, minimum, maximum. Stricter than the document on one point, on purpose:
/// a property the response carries but the schema does not declare is an error, so the schemas cannot fall behind the records.
/// </summary>
internal static class OpenApiSchemaValidator
{
    public static bool TryResolve(JsonElement document, string reference, out JsonElement target)
    {
        target = document;
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in reference[2..].Split('/'))
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
            {
                return false;
            }
        }

        return true;
    }

    public static List<string> Validate(JsonElement document, JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(document, schema, value, "$", errors);
        return errors;
    }

    private static void Check(JsonElement document, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (!TryResolve(document, reference.GetString()!, out var target))
            {
                errors.Add($"{at}: unresolved {reference.GetString()}");
                return;
            }

            Check(document, target, value, at, errors);
            return;
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(option => Validate(document, option, value).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{at}: matches {matches} of the oneOf schemas, not exactly one");
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t)))
            {
                errors.Add($"{at}: {value.ValueKind} is not {string.Join(" or ", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            errors.Add($"{at}: {value} is not one of {allowed}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var minimum) && value.GetDouble() < minimum.GetDouble())
            {
                errors.Add($"{at}: {value} < minimum {minimum}");
            }

            if (schema.TryGetProperty("maximum", out var maximum) && value.GetDouble() > maximum.GetDouble())
            {
                errors.Add($"{at}: {value} > maximum {maximum}");
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(document, items, item, $"{at}[{i++}]", errors);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{at}: required property '{name}' is missing");
                    }
                }
            }

            var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(document, propertySchema, property.Value, $"{at}.{property.Name}", errors);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(document, additional, property.Value, $"{at}.{property.Name}", errors);
                }
                else if (properties.ValueKind == JsonValueKind.Object && additional.ValueKind != JsonValueKind.True)
                {
                    errors.Add($"{at}: property '{property.Name}' is not documented");
                }
            }
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => false,
    };
}
