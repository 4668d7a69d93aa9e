using GosAnalytics.Storage;
using GosAnalytics.Storage.Contracts;
using GosAnalytics.Storage.Tables;
using GosAnalytics.TestSupport;

namespace GosAnalytics.Pipeline.Tests;

/// <summary>The served pointer: a bad day never hides a good one, and the newest day that is not served stays named.</summary>
public sealed class ServedPointerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ServedPointerStore Pointer => new(new JsonBlobStore(azurite.Storage));

    public Task InitializeAsync() => azurite.EmptyContainerAsync(StorageNames.RankingsContainer);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_that_is_not_served_is_named_as_newer_while_the_last_good_day_stays_served()
    {
        await Pointer.ServeAsync(Stamp(20), Outcome(20, RunPhase.Completed, served: true), CancellationToken.None);

        await Pointer.RecordNotServedAsync(Outcome(21, RunPhase.Failed, served: false), CancellationToken.None);

        var pointer = (await Pointer.ReadAsync(CancellationToken.None))!;
        Assert.Equal("2026-11-20", pointer.Run!.RunId);
        Assert.Equal(RunPhase.Completed, pointer.Outcome!.Status);
        Assert.Equal(("2026-11-21", RunPhase.Failed), (pointer.Newer!.RunId, pointer.Newer.Status));
    }

    [Fact]
    public async Task Serving_a_newer_day_clears_the_failed_day_before_it_and_an_older_failure_never_replaces_a_newer_one()
    {
        await Pointer.ServeAsync(Stamp(20), Outcome(20, RunPhase.Completed, served: true), CancellationToken.None);
        await Pointer.RecordNotServedAsync(Outcome(21, RunPhase.Failed, served: false), CancellationToken.None);
        await Pointer.RecordNotServedAsync(Outcome(19, RunPhase.Failed, served: false), CancellationToken.None);
        Assert.Equal("2026-11-21", (await Pointer.ReadAsync(CancellationToken.None))!.Newer!.RunId);

        await Pointer.ServeAsync(Stamp(22), Outcome(22, RunPhase.Partial, served: true), CancellationToken.None);

        var pointer = (await Pointer.ReadAsync(CancellationToken.None))!;
        Assert.Equal(("2026-11-22", RunPhase.Partial), (pointer.Run!.RunId, pointer.Outcome!.Status));
        Assert.Null(pointer.Newer);
    }

    [Fact]
    public async Task A_rerun_of_an_older_day_does_not_move_the_served_day_back()
    {
        await Pointer.ServeAsync(Stamp(21), Outcome(21, RunPhase.Completed, served: true), CancellationToken.None);

        Assert.False(await Pointer.ServeAsync(Stamp(20), Outcome(20, RunPhase.Completed, served: true), CancellationToken.None));

        Assert.Equal("2026-11-21", (await Pointer.ReadAsync(CancellationToken.None))!.Run!.RunId);
    }

    [Fact]
    public async Task Before_any_run_is_served_a_failed_run_is_named_with_no_served_run()
    {
        await Pointer.RecordNotServedAsync(Outcome(20, RunPhase.Failed, served: false), CancellationToken.None);

        var pointer = (await Pointer.ReadAsync(CancellationToken.None))!;
        Assert.Null(pointer.Run);
        Assert.Equal("2026-11-20", pointer.Newer!.RunId);
    }

    [Fact]
    public async Task A_pointer_written_as_a_bare_run_stamp_reads_as_that_run_served_and_its_revision_changes_with_a_newer_failure()
    {
        var blobs = new JsonBlobStore(azurite.Storage);
        await blobs.WriteAsync(StorageNames.RankingsContainer, StorageNames.LatestRankingsPointerBlob, Stamp(20), null, CancellationToken.None);
        var legacy = (await Pointer.ReadAsync(CancellationToken.None))!;

        await Pointer.RecordNotServedAsync(Outcome(21, RunPhase.Failed, served: false), CancellationToken.None);
        var updated = (await Pointer.ReadAsync(CancellationToken.None))!;

        Assert.Equal(("2026-11-20", null), (legacy.Run!.RunId, legacy.Outcome));
        Assert.Equal(legacy.Run, updated.Run);
        Assert.NotEqual(legacy.Revision, updated.Revision);
    }

    private static RunStamp Stamp(int day) => new($"2026-11-{day}", 1, new DateOnly(2026, 11, day), "demo", true, new DateTimeOffset(2026, 11, day + 1, 1, 0, 0, TimeSpan.Zero));

    private static RunOutcome Outcome(int day, RunPhase status, bool served) =>
        new($"2026-11-{day}", 1, new DateOnly(2026, 11, day), status, served, 100, served ? 100 : 0, 0, 0, served ? 1 : 0, 0.8, [], [], new DateTimeOffset(2026, 11, day + 1, 1, 0, 0, TimeSpan.Zero));
}
