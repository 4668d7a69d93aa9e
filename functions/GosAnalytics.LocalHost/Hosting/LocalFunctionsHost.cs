using System.Text.Json;
using GosAnalytics.Functions;
using GosAnalytics.Functions.Stages;
using GosAnalytics.Functions.Telemetry;
using GosAnalytics.Storage;
using Microsoft.Extensions.Options;

namespace GosAnalytics.LocalHost.Hosting;

/// <summary>
/// Builds the local host: the Functions app's own function classes and services, wired to real triggers
/// (cron timers, Azure Storage queues, HTTP on port 7071) against Azurite, which it starts when none is reachable.
/// </summary>
internal static class LocalFunctionsHost
{
    /// <summary>Defaults that mirror what the Functions app gets from its app settings.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [StorageClients.ConnectionName] = "UseDevelopmentStorage=true",
        [StartDailyRun.ScheduleSetting] = "0 30 0 * * *",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Azure"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:LogLevel:GosAnalytics.LocalHost.Hosting.QueueListener"] = "Warning",

        // One line per batch is useful in Application Insights, noise on a console; progress is reported by FirstRunReporter.
        ["Logging:LogLevel:GosAnalytics.Pipeline.Collect.BatchCollector"] = "Warning",
        ["Logging:LogLevel:GosAnalytics.Pipeline.Score.BatchScorer"] = "Warning",
    };

    /// <summary>Longest wait for in-flight functions on a stop, before the emulator the host started is stopped.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs the local host until Ctrl+C, SIGTERM or <see cref="LocalHostOptions.ExitAfterRun"/>: exit code 0; 3 when it cannot start
    /// (one line on stderr) or a failure stopped it.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        List<BackgroundService> services;
        try
        {
            var app = await BuildAsync(args);
            services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            await app.RunAsync();
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or OptionsValidationException)
        {
            // Kestrel could not bind its port (another host on it), Azurite did not start, or a setting is invalid.
            await Console.Error.WriteLineAsync($"The local host cannot start: {error.Message}");
            return ExitCodes.RuntimeFailure;
        }

        return services.Any(s => s.ExecuteTask is { IsFaulted: true }) ? ExitCodes.RuntimeFailure : ExitCodes.Ok;
    }

    /// <param name="configureServices">Services added after the host's own (tests add in-memory telemetry exporters).</param>
    public static async Task<WebApplication> BuildAsync(
        string[] args,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var configuration = builder.Configuration;
        var sources = configuration.Sources.ToList();
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(Defaults);
        configuration.AddInMemoryCollection(ReadHostJson(Path.Combine(AppContext.BaseDirectory, "host.json")));
        foreach (var source in sources)
        {
            configuration.Sources.Add(source);
        }

        configuration.AddInMemoryCollection(ReadLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json")));
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        var hostOptions = configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var azurite = await DevelopmentStorage.StartAzuriteIfNeededAsync(configuration, hostOptions, cancellationToken);

        builder.WebHost.UseUrls($"http://localhost:{hostOptions.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseProblemBodiesForRejections()));
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (azurite is not null)
        {
            // Registered first, so it stops last: the emulator outlives every listener.
            builder.Services.AddHostedService(_ => new OwnedAzurite(azurite));
        }

        builder.Services.AddGosAnalytics(configuration);
        builder.Services.AddGosAnalyticsTelemetry(configuration, serviceName: "gosanalytics-localhost");

        // Storage is kept in place by StorageRecovery, which waits out an outage instead of failing the start.
        builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StorageInitializer)));
        builder.Services.AddSingleton<StorageRecovery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageRecovery>());

        // A stop (Ctrl+C, SIGTERM) gives in-flight functions this long to end before the emulator stops: within 5 s in all.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<FunctionKeys>();
        builder.Services.AddSingleton<FunctionInvoker>();
        var functions = FunctionCatalog.Discover(typeof(StartDailyRun).Assembly, configuration);
        builder.Services.AddSingleton<IReadOnlyList<FunctionDefinition>>(functions);
        foreach (var function in functions.Where(f => f is { Trigger: TriggerKind.Queue, Disabled: false }))
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp, function));
        }

        builder.Services.AddSingleton<HistoryBackfill>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HistoryBackfill>());
        var timerFunctions = functions.Where(f => f is { Trigger: TriggerKind.Timer, Disabled: false }).ToList();
        for (var i = 0; i < timerFunctions.Count; i++)
        {
            var function = timerFunctions[i];
            var position = i;
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TimerScheduler>(sp, function));
            builder.Services.AddSingleton<IHostedService>(sp => sp.GetServices<TimerScheduler>().ElementAt(position));
        }

        builder.Services.AddSingleton<StageRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StageRecorder>());
        builder.Services.AddHostedService<FirstRunReporter>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHttpProblemResponses();
        app.UseFunctionKeys();
        app.MapHttpFunctions(functions);
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.Out.WriteLine(FunctionKeyCheck.StartupLines($"http://localhost:{hostOptions.Port}/{HttpFunctionEndpoints.RoutePrefix}", functions, app.Services.GetRequiredService<FunctionKeys>())));
        foreach (var disabled in functions.Where(f => f.Disabled))
        {
            app.Logger.LogWarning("Function {Function} is disabled (AzureWebJobs.{Function}.Disabled)", disabled.Name, disabled.Name);
        }

        app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation(
            azurite is null ? "Stopping: unfinished messages go back to their queues" : "Stopping: unfinished messages go back to their queues; Azurite stops with the host"));
        if (hostOptions.ServeBenchmarkDocuments)
        {
            app.MapBenchmarkDocuments();
        }

        return app;
    }

    /// <summary>host.json's <c>extensions.queues</c> values, as LocalHost settings.</summary>
    private static Dictionary<string, string?> ReadHostJson(string path)
    {
        var values = new Dictionary<string, string?>();
        if (!File.Exists(path))
        {
            return values;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues))
        {
            void Map(string jsonName, string option)
            {
                if (queues.TryGetProperty(jsonName, out var value))
                {
                    values[$"{LocalHostOptions.SectionName}:{option}"] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                }
            }

            Map("batchSize", nameof(LocalHostOptions.QueueBatchSize));
            Map("maxDequeueCount", nameof(LocalHostOptions.MaxDequeueCount));
            Map("visibilityTimeout", nameof(LocalHostOptions.VisibilityTimeout));
            Map("maxPollingInterval", nameof(LocalHostOptions.MaxPollingInterval));
        }

        return values;
    }

    /// <summary>The <c>Values</c> of a Functions-style local.settings.json, with <c>__</c> read as a section separator.</summary>
    internal static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string?>();
        if (!File.Exists(path))
        {
            return values;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        return values;
    }

    private sealed class OwnedAzurite(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await azurite.DisposeAsync();
    }
}
