using Azure;
using GosAnalytics.LocalHost.Hosting;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// Storage that comes back empty has lost what the running functions were working on: the recovery cancels them and waits for them
/// before it creates anything again, so that nothing they write afterwards lands in the new storage beside writes that were lost.
/// </summary>
public sealed class StorageLossTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AzuriteFixture azurite = new();
    private StorageRecovery recovery = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        recovery = new StorageRecovery(azurite.Storage, NullLogger<StorageRecovery>.Instance);
        await recovery.StartAsync(CancellationToken.None);
        await recovery.WhenAvailableAsync(CancellationToken.None).WaitAsync(Patience);
    }

    public async Task DisposeAsync()
    {
        await recovery.StopAsync(CancellationToken.None);
        recovery.Dispose();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_function_running_when_storage_comes_back_empty_is_cancelled_and_storage_is_set_up_again_only_after_it_ended()
    {
        var lossToken = recovery.LossToken;
        var running = recovery.Running();
        await azurite.StopAsync();
        await azurite.StartAgainAsync();

        Assert.True(recovery.Report(new RequestFailedException(404, "The specified container does not exist.", "ContainerNotFound", null)));
        await WhenCancelledAsync(lossToken).WaitAsync(Patience);

        // Still running: nothing is created yet, so whatever it writes now fails instead of landing in the new storage.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False((await azurite.Storage.Container(StorageNames.Containers[0]).ExistsAsync()).Value);
        Assert.False(recovery.WhenAvailableAsync(CancellationToken.None).IsCompleted);

        running.Dispose();
        await recovery.WhenAvailableAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.True((await azurite.Storage.Container(StorageNames.Containers[0]).ExistsAsync()).Value);
        Assert.False(recovery.LossToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Storage_that_was_away_and_kept_its_data_cancels_nothing()
    {
        var lossToken = recovery.LossToken;
        using var running = recovery.Running();

        Assert.True(recovery.Report(new RequestFailedException(503, "Server busy.", "ServerBusy", null)));
        await recovery.WhenAvailableAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.False(lossToken.IsCancellationRequested);
    }

    private static Task WhenCancelledAsync(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource();
        token.Register(() => cancelled.TrySetResult());
        return cancelled.Task;
    }
}
