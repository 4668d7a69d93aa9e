using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GosAnalytics.FakePlatforms;

/// <summary>
/// A real Kestrel server on a free loopback port that answers like a platform does. Each fake maps its own routes;
/// clients under test reach it through their configurable base address, exactly as they would reach the platform.
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>The address to configure as the client's base address, with a trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/" + BasePath.Trim('/') + (BasePath.Trim('/').Length > 0 ? "/" : ""));
    }

    /// <summary>The path under the server root that plays the platform's base address, e.g. <c>method</c> for VK.</summary>
    protected virtual string BasePath => "";

    protected abstract void Map(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
