using GosAnalytics.LocalHost.Commands;
using GosAnalytics.LocalHost.Hosting;

// A command (registry-import, demo-truth) or --help first: the local host's commands (README, "Command lines").
if (LocalHostCommands.Handles(args))
{
    return await LocalHostCommands.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

// Otherwise the local host: runs the Functions app's function classes on this machine against Azurite (see README); every
// argument is configuration (--LocalHost:Port=7072 --Demo:PageCount=400) and goes to it untouched.
// Exit code 0 after Ctrl+C or SIGTERM, 3 when it cannot start or a failure stopped it.
return await LocalFunctionsHost.RunAsync(args);
