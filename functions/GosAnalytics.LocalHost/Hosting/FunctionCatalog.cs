using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GosAnalytics.LocalHost.Hosting;

public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>One function of the Functions app, read from the same attributes the Functions build turns into functions.metadata.</summary>
internal sealed record FunctionDefinition(
    string Name,
    Type ClassType,
    MethodInfo Method,
    TriggerKind Trigger,
    ParameterInfo TriggerParameter,
    string? Route,
    IReadOnlyList<string> HttpMethods,
    string? QueueName,
    string? Schedule)
{
    /// <summary>An HTTP function's <see cref="HttpTriggerAttribute.AuthLevel"/>: which key it needs (<see cref="FunctionKeys"/>).</summary>
    public AuthorizationLevel Authorization { get; init; } = AuthorizationLevel.Anonymous;

    /// <summary>
    /// Switched off by the app setting <c>AzureWebJobs.&lt;name&gt;.Disabled</c>, as on Azure: its queue is not listened to, its timer does not
    /// fire, and its route answers 404 unless the request presents the master key.
    /// </summary>
    public bool Disabled { get; init; }

    /// <summary>Whether configuration disables the function <paramref name="name"/>: <c>AzureWebJobs.&lt;name&gt;.Disabled</c>, or
    /// <c>AzureWebJobs__&lt;name&gt;__Disabled</c> where a setting's name cannot hold dots (environment variables on Linux).</summary>
    public static bool IsDisabledBy(IConfiguration configuration, string name) =>
        bool.TryParse(configuration[$"AzureWebJobs.{name}.Disabled"] ?? configuration[$"AzureWebJobs:{name}:Disabled"], out var disabled) && disabled;
}

/// <summary>Discovers the function classes of an assembly by their <see cref="FunctionAttribute"/> and trigger attributes.</summary>
internal static class FunctionCatalog
{
    /// <summary>The functions of <paramref name="assembly"/>, each marked <see cref="FunctionDefinition.Disabled"/> as <paramref name="configuration"/> says.</summary>
    public static IReadOnlyList<FunctionDefinition> Discover(Assembly assembly, IConfiguration configuration) =>
        Discover(assembly).Select(f => f with { Disabled = FunctionDefinition.IsDisabledBy(configuration, f.Name) }).ToList();

    public static IReadOnlyList<FunctionDefinition> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is not null)
                {
                    functions.Add(Describe(function.Name, type, method));
                }
            }
        }

        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static FunctionDefinition Describe(string name, Type type, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? ["get"]).Select(m => m.ToUpperInvariant()).ToList();
                return new FunctionDefinition(name, type, method, TriggerKind.Http, parameter, http.Route ?? name, methods, null, null) { Authorization = http.AuthLevel };
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                return new FunctionDefinition(name, type, method, TriggerKind.Queue, parameter, null, [], queue.QueueName, null);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new FunctionDefinition(name, type, method, TriggerKind.Timer, parameter, null, [], null, timer.Schedule);
            }
        }

        throw new InvalidOperationException($"Function '{name}' has no HTTP, queue or timer trigger parameter that the local host supports.");
    }
}
