using GosAnalytics.LocalHost.Commands;
using GosAnalytics.LocalHost.Hosting;

// The local host: runs the Functions app's function classes on this machine against Azurite (see README).
if (args.Length > 0 && args[0] == DemoTruthCommand.Name)
{
    return await DemoTruthCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == RegistryImportCommand.Name)
{
    return await RegistryImportCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

var app = await LocalFunctionsHost.BuildAsync(args);
await app.RunAsync();
return 0;
