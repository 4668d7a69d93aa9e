using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GosAnalytics.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled once per test class with <c>bicep build --stdout</c>, plus helpers
/// to walk the ARM JSON: modules become nested <c>Microsoft.Resources/deployments</c> with their
/// own template, and values passed around are ARM expressions such as <c>[parameters('x')]</c>.
/// </summary>
public sealed partial class CompiledMainTemplate
{
    public CompiledMainTemplate()
    {
        Build = BicepCli.Run("build", Path.Combine("infra", "main.bicep"), "--stdout");
        if (Build.ExitCode == 0)
        {
            json = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        }
    }

    private readonly JsonObject? json;

    public BicepCli.Result Build { get; }

    /// <summary>The compiled main template; fails the test with the compiler's output if it did not compile.</summary>
    public JsonObject Main => json
        ?? throw new InvalidOperationException($"bicep build failed with exit code {Build.ExitCode}:\n{Build.StandardError}");

    /// <summary>The deployment resource of a module of main.bicep, by its deployment name.</summary>
    public JsonObject Module(string deploymentName) =>
        Resources(Main).SingleOrDefault(r =>
            (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
        ?? throw new InvalidOperationException($"main.bicep has no module deployment named '{deploymentName}'.");

    public JsonObject ModuleTemplate(string deploymentName) =>
        Module(deploymentName)["properties"]!["template"]!.AsObject();

    /// <summary>
    /// The value main.bicep passes to a module parameter, with a plain reference to one of main's
    /// variables or to a parameter's default value resolved.
    /// </summary>
    public JsonNode? ModuleArgument(string deploymentName, string parameterName)
    {
        var argument = Module(deploymentName)["properties"]!["parameters"]![parameterName]
            ?? throw new InvalidOperationException($"Module '{deploymentName}' gets no parameter '{parameterName}'.");
        return Resolve(Main, argument["value"]);
    }

    /// <summary>Resolves <c>[variables('x')]</c> and <c>[parameters('x')]</c> (to its default) in a template.</summary>
    public static JsonNode? Resolve(JsonObject template, JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var variable = VariableReference().Match(text);
            if (variable.Success)
            {
                return Resolve(template, template["variables"]![variable.Groups[1].Value]);
            }

            var parameter = ParameterReference().Match(text);
            if (parameter.Success)
            {
                return template["parameters"]![parameter.Groups[1].Value]!["defaultValue"];
            }
        }

        return value;
    }

    /// <summary>The top-level resources of a template (an array, or an object keyed by symbolic name).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    /// <summary>All resources of a given type in a module's template.</summary>
    public IReadOnlyList<JsonObject> ResourcesOfType(string deploymentName, string type) =>
        Resources(ModuleTemplate(deploymentName)).Where(r => (string?)r["type"] == type).ToList();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();
}
