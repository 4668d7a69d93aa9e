using System.Globalization;
using GosAnalytics.Demo;
using GosAnalytics.TestSupport;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The local host, in this process, on its own Azurite, running a small share of the synthetic country (<c>Demo:Regions=all</c>,
/// <c>Demo:PageShare</c> = <see cref="PageShare"/>: about 2,100 pages, every one of the 89 subjects present) through the real queues
/// until the start-up run completes. The regions view needs it: one demo region makes a map of one coloured square.
/// </summary>
public sealed class CountryDemoFixture : IAsyncLifetime
{
    /// <summary>Share of every region's pages: 1 %, at least one page a region.</summary>
    public const double PageShare = 0.01;

    /// <summary>Every page the run registers, ranks and serves (the MAX channels included).</summary>
    public static readonly int PageCount = new DemoPageSource(new DemoSourceOptions { Regions = "all", PageShare = PageShare }).ListPages().Count;

    private readonly AzuriteFixture azurite = new();
    private LocalHostUnderTest? host;

    public HttpClient Http => host!.Http;

    public int Port => host!.Port;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        host = await LocalHostUnderTest.StartAsync(azurite, settings =>
        {
            settings.Remove("Demo:RegionCode");
            settings.Remove("Demo:PageCount");
            settings["Demo:Regions"] = "all";
            settings["Demo:PageShare"] = PageShare.ToString(CultureInfo.InvariantCulture);
        });

        // About 330 batches (a batch never mixes regions or platforms): a minute and a half alone, more beside other test classes.
        await DemoPipelineFixture.WaitForCompletedRunAsync(Http, TimeSpan.FromMinutes(10));
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }
}
