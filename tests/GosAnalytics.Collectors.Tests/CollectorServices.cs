using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests;

/// <summary>One collector's real registration, on settings a test chose and with every log line captured.</summary>
internal static class CollectorServices
{
    /// <param name="settings">The test's defaults for the collector (base address at the fake, quick retries).</param>
    /// <param name="overrides">What one test changes; a null value removes the setting.</param>
    public static ServiceProvider Build(
        Func<IServiceCollection, IServiceCollection> addCollector,
        IDictionary<string, string?> settings,
        IEnumerable<KeyValuePair<string, string?>>? overrides,
        FakeLogCollector logs)
    {
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        return addCollector(services).BuildServiceProvider(validateScopes: true);
    }
}
