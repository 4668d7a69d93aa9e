using GosAnalytics.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GosAnalytics.Demo;

/// <summary>Registers the generated demo regions as the page source of every platform.</summary>
public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoSource(this IServiceCollection services)
    {
        // Bad settings stop the host at start with every problem named, rather than at the first collect call.
        services.AddOptions<DemoSourceOptions>().BindConfiguration(DemoSourceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoSourceOptions>, DemoSourceOptionsValidation>();
        services.AddSingleton(sp => new DemoPageSource(sp.GetRequiredService<IOptions<DemoSourceOptions>>().Value));
        services.AddSingleton<IPageSource>(sp => sp.GetRequiredService<DemoPageSource>());
        return services;
    }
}

/// <summary>Checks the <c>Demo</c> settings with the same rules as <see cref="DemoPageSource"/>, naming each bad setting.</summary>
internal sealed class DemoSourceOptionsValidation : IValidateOptions<DemoSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoSourceOptions options) =>
        options.Problems().Select(problem => problem.Message).ToList() is { Count: > 0 } messages
            ? ValidateOptionsResult.Fail(messages)
            : ValidateOptionsResult.Success;
}
