using System.Reflection;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Calls a function method the way the worker does: a fresh instance of the function class from DI per invocation,
/// the trigger value bound to the trigger parameter, <see cref="CancellationToken"/> and named values (HTTP route values) bound by name.
/// </summary>
internal sealed class FunctionInvoker(IServiceProvider services)
{
    public async Task<object?> InvokeAsync(
        FunctionDefinition function,
        object triggerValue,
        IReadOnlyDictionary<string, object?> namedValues,
        CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.ClassType);
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Bind(function, parameters[i], triggerValue, namedValues, cancellationToken);
        }

        try
        {
            var result = function.Method.Invoke(instance, arguments);
            return result switch
            {
                Task task => await UnwrapAsync(task),
                _ => result,
            };
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static object? Bind(FunctionDefinition function, ParameterInfo parameter, object triggerValue, IReadOnlyDictionary<string, object?> namedValues, CancellationToken cancellationToken)
    {
        if (parameter == function.TriggerParameter || parameter.Position == function.TriggerParameter.Position)
        {
            return triggerValue;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.Name is { } name && namedValues.TryGetValue(name, out var value))
        {
            return value is null || parameter.ParameterType.IsInstanceOfType(value)
                ? value
                : Convert.ChangeType(value, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"Function '{function.Name}': the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }

    private static async Task<object?> UnwrapAsync(Task task)
    {
        await task;
        var type = task.GetType();
        return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
            ? result.GetValue(task)
            : null;
    }
}
