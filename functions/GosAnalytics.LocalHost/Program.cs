using GosAnalytics.LocalHost.Hosting;

// The local host: runs the Functions app's function classes on this machine against Azurite (see README).
var app = await LocalFunctionsHost.BuildAsync(args);
await app.RunAsync();
