using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using Xunit.Abstractions;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host as a user runs it, a process with the Azurite it starts itself: Ctrl+C (SIGINT to the whole process group) and
/// SIGTERM stop both with one line of log and no stack trace; a killed host leaves no Azurite behind; a host that cannot start
/// says why in one line and exits 3.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class LocalHostStopTests(ITestOutputHelper output)
{
    /// <summary>Far longer than a stop takes (well under 5 s): a deadline against a hang, not a measure.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(LocalHostInTerminal.SigInt)]
    [InlineData(LocalHostInTerminal.SigTerm)]
    public async Task A_signal_to_the_process_group_of_dotnet_run_stops_the_host_and_its_Azurite_with_one_line_and_no_stack_trace(int signal)
    {
        Assert.True(LocalHostInTerminal.IsSupported, "Starting a process in its own session needs Linux with setsid (util-linux).");
        var endpoints = AzuriteEndpoints.OnFreePorts();
        using var host = LocalHostInTerminal.Start(Settings(endpoints), dotnetRun: true);
        Assert.True(await host.WaitForLineAsync("Serving http://", TimeSpan.FromMinutes(2)), string.Join('\n', host.Lines));
        Assert.NotEmpty(LocalHostInTerminal.AzuriteProcesses(endpoints));

        // Mid-run: the start-up run is collecting or scoring when the signal comes.
        var stopping = Stopwatch.StartNew();
        host.SignalGroup(signal);

        Assert.True(await host.WaitForExitAsync(Patience), $"The host did not stop. Its output:\n{string.Join('\n', host.Lines)}");
        output.WriteLine($"Stopped in {stopping.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(0, host.ExitCode);
        Assert.Empty(LocalHostInTerminal.AzuriteProcesses(endpoints));
        var afterSignal = host.Lines.SkipWhile(line => !line.Contains("Stopping", StringComparison.Ordinal)).ToList();
        Assert.Single(afterSignal, line => line.Contains("Stopping", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_host_leaves_no_Azurite_running()
    {
        Assert.True(LocalHostInTerminal.IsSupported, "Starting a process in its own session needs Linux with setsid (util-linux).");
        var endpoints = AzuriteEndpoints.OnFreePorts();
        using var host = LocalHostInTerminal.Start(Settings(endpoints));
        Assert.True(await host.WaitForLineAsync("Serving http://", TimeSpan.FromMinutes(2)), string.Join('\n', host.Lines));
        Assert.NotEmpty(LocalHostInTerminal.AzuriteProcesses(endpoints));

        host.Signal(LocalHostInTerminal.SigKill);
        Assert.True(await host.WaitForExitAsync(Patience));

        var deadline = DateTime.UtcNow + Patience;
        while (LocalHostInTerminal.AzuriteProcesses(endpoints).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Empty(LocalHostInTerminal.AzuriteProcesses(endpoints));
    }

    [Fact]
    public async Task A_host_whose_port_is_taken_says_so_in_one_line_and_exits_3()
    {
        Assert.True(LocalHostInTerminal.IsSupported, "Starting a process in its own session needs Linux with setsid (util-linux).");
        using var taken = new TcpListener(IPAddress.Loopback, AzuriteEndpoints.OnFreePorts().BlobPort);
        taken.Start();
        var settings = Settings(AzuriteEndpoints.OnFreePorts());
        settings["LocalHost:Port"] = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        settings["LocalHost:StartAzurite"] = "false";
        using var host = LocalHostInTerminal.Start(settings);

        Assert.True(await host.WaitForExitAsync(Patience), "The host did not stop.");

        Assert.Equal(3, host.ExitCode);
        Assert.Contains(host.Lines, line => line.StartsWith("The local host cannot start: ", StringComparison.Ordinal) && line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(host.Lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    /// <summary>A small demo region run at start, on free ports, with the Azurite the host starts itself.</summary>
    private static Dictionary<string, string?> Settings(AzuriteEndpoints endpoints) => new()
    {
        [StorageClients.ConnectionName] = endpoints.ConnectionString,
        ["LocalHost:Port"] = AzuriteEndpoints.OnFreePorts().BlobPort.ToString(CultureInfo.InvariantCulture),
        ["LocalHost:MasterKey"] = LocalHostUnderTest.MasterKey,
        ["Demo:PageCount"] = "60",
        ["Demo:SimulatedLatencyMs"] = "100",
    };
}
