using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GosAnalytics.Collectors.Http;
using GosAnalytics.Collectors.Vk;
using GosAnalytics.Core.Domain;
using GosAnalytics.Storage;
using GosAnalytics.TestSupport;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace GosAnalytics.Collectors.Tests.Vk;

/// <summary>
/// Two token pools on one storage account, as two Functions instances have them: what one spends, parks, pauses or sees refused,
/// the other knows. Each test uses its own token names, so the rows of one test never meet another's in the shared table.
/// </summary>
public sealed class VkSharedTokenStateTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Noon = MoscowTime.StartOfDay(new DateOnly(2026, 11, 20)).AddHours(12);

    /// <summary>Far above VK's rates, so that pacing takes no noticeable time in tests that are about the budget.</summary>
    private const double UnpacedRate = 1000;

    [Fact]
    public async Task Two_instances_spending_one_token_at_once_spend_exactly_its_daily_budget_together()
    {
        var token = new VkTokenOptions { Name = "budget-shared", Token = "secret-budget-shared-value", RequestsPerSecond = UnpacedRate, DailyWallGetBudget = 1000 };
        await using var first = Instance(TimeProvider.System, chunk: 50, token);
        await using var second = Instance(TimeProvider.System, chunk: 50, token);

        var spent = await Task.WhenAll(SpendUntilExhaustedAsync(first.Pool, workers: 4), SpendUntilExhaustedAsync(second.Pool, workers: 4));

        Assert.Equal(1000, spent.Sum());
        Assert.All(spent, calls => Assert.True(calls > 0, "both instances spend"));
        Assert.Equal(1000, (await RowAsync("budget-shared")).GetInt32("WallGetReserved"));
    }

    [Fact]
    public async Task Storage_operations_grow_with_the_chunks_of_budget_not_with_the_requests()
    {
        var small = await OperationsToSpendAsync("ops-chunk-10", chunk: 10);
        var large = await OperationsToSpendAsync("ops-chunk-100", chunk: 100);
        output.WriteLine($"Table operations to spend 1,000 calls one per request: {small} in chunks of 10, {large} in chunks of 100.");

        // 1,000 calls, one per request. A reservation reads and writes the row (2 operations), and the row's creation and the
        // last, empty-handed reservation add 2. Near the end of the budget the chunks shrink from a full one to a quarter: at most
        // 12 more reservations. The other instances' news is read before the first request and every 5 s (a few reads).
        Assert.InRange(large, 1, (2 * ((1000 / 100) + 12)) + 2 + 4);
        Assert.InRange(small, 2 * (1000 / 10) * 3 / 4, (2 * ((1000 / 10) + 12)) + 2 + 4);
        Assert.True(large * 4 < small, $"chunks of 100 took {large} operations, chunks of 10 took {small}");
    }

    [Fact]
    public async Task A_token_parked_on_error_29_by_one_instance_is_not_used_by_another_until_the_next_Moscow_day()
    {
        var clock = new FakeTimeProvider(Noon);
        var token = new VkTokenOptions { Name = "parked-shared", Token = "secret-parked-value" };
        await using var first = Instance(clock, chunk: 100, token);
        await using var second = Instance(clock, chunk: 100, token);

        await OneReportsWhileTheOtherKnowsTheRowsAsync(first, second, (pool, lease) => pool.ReportDailyLimitAsync(lease, CancellationToken.None));
        clock.Advance(VkTokenPool.SharedStateRefresh);

        var refused = await Assert.ThrowsAsync<VkTokensExhaustedException>(() => second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        Assert.Contains("1 at their daily limit", refused.Message, StringComparison.Ordinal);
        Assert.Contains(second.Logs.GetSnapshot(), record => record.Message.Contains("parked-shared is parked until", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromHours(11));
        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("parked-shared", (await second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task An_instance_that_needs_budget_learns_of_a_park_when_it_reserves_without_waiting_for_its_next_read()
    {
        var clock = new FakeTimeProvider(Noon);
        var token = new VkTokenOptions { Name = "parked-at-reservation", Token = "secret-parked-reservation-value" };
        await using var first = Instance(clock, chunk: 100, token);
        await using var second = Instance(clock, chunk: 100, token);

        await OneReportsWhileTheOtherKnowsTheRowsAsync(first, second, (pool, lease) => pool.ReportDailyLimitAsync(lease, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => second.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None));
    }

    [Fact]
    public async Task A_captcha_pause_on_one_instance_keeps_the_other_instance_off_that_token_until_it_ends()
    {
        var clock = new FakeTimeProvider(Noon);
        VkTokenOptions[] tokens =
        [
            new() { Name = "captcha-a", Token = "secret-captcha-a" },
            new() { Name = "captcha-b", Token = "secret-captcha-b" },
        ];
        await using var first = Instance(clock, chunk: 100, tokens);
        await using var second = Instance(clock, chunk: 100, tokens);
        var lease = await first.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);

        await first.Pool.ReportCaptchaAsync(lease, CancellationToken.None);

        var names = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            names.Add((await second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.DoesNotContain(lease.Name, names);
        clock.Advance(first.Pool.CaptchaPause);
        for (var i = 0; i < 2; i++)
        {
            names.Add((await second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None)).Name);
        }

        Assert.Contains(lease.Name, names);
    }

    [Fact]
    public async Task The_shared_budget_renews_on_the_next_Moscow_day()
    {
        var clock = new FakeTimeProvider(Noon);
        var token = new VkTokenOptions { Name = "renewing", Token = "secret-renewing-value", DailyWallGetBudget = 50 };
        await using var first = Instance(clock, chunk: 100, token);
        await using var second = Instance(clock, chunk: 100, token);
        await first.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => first.Pool.AcquireAsync(new VkTokenNeeds(false, 1), CancellationToken.None));
        await Assert.ThrowsAsync<VkTokensExhaustedException>(() => second.Pool.AcquireAsync(new VkTokenNeeds(false, 1), CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(12));

        await first.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None);
        var row = await RowAsync("renewing");
        Assert.Equal("2026-11-21", row.GetString("Day"));
        Assert.Equal(50, row.GetInt32("WallGetReserved"));
    }

    [Fact]
    public async Task A_graceful_shutdown_gives_the_unspent_allowance_back_to_the_other_instances()
    {
        var clock = new FakeTimeProvider(Noon);
        var token = new VkTokenOptions { Name = "returned", Token = "secret-returned-value", DailyWallGetBudget = 100 };
        var first = Instance(clock, chunk: 100, token);
        await using var second = Instance(clock, chunk: 100, token);
        await first.Pool.AcquireAsync(new VkTokenNeeds(false, 10), CancellationToken.None);
        Assert.Equal(25, (await RowAsync("returned")).GetInt32("WallGetReserved"));

        await first.DisposeAsync();

        Assert.Equal(10, (await RowAsync("returned")).GetInt32("WallGetReserved"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.Pool.AcquireAsync(new VkTokenNeeds(false, 90), CancellationToken.None);
    }

    [Fact]
    public async Task A_token_refused_on_one_instance_leaves_every_instance_that_holds_the_same_value()
    {
        var clock = new FakeTimeProvider(Noon);
        var token = new VkTokenOptions { Name = "refused-shared", Token = "secret-refused-value" };
        await using var first = Instance(clock, chunk: 100, token);
        await using var second = Instance(clock, chunk: 100, token);

        await OneReportsWhileTheOtherKnowsTheRowsAsync(first, second, (pool, lease) => pool.ReportAuthFailureAsync(lease, 5, CancellationToken.None));
        clock.Advance(VkTokenPool.SharedStateRefresh);

        var refused = await Assert.ThrowsAsync<PlatformAuthException>(() => second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        Assert.Contains("refused every configured token", refused.Message, StringComparison.Ordinal);
        Assert.Contains(second.Logs.GetSnapshot(), record => record.Message.Contains("VK refused token refused-shared on another instance (error 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_of_the_old_value_does_not_drop_a_replaced_value_under_the_same_name()
    {
        var clock = new FakeTimeProvider(Noon);
        await using var old = Instance(clock, chunk: 100, new VkTokenOptions { Name = "rotated", Token = "secret-old-value" });
        await using var replaced = Instance(clock, chunk: 100, new VkTokenOptions { Name = "rotated", Token = "secret-new-value" });

        await old.Pool.ReportAuthFailureAsync(await old.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None), 5, CancellationToken.None);

        Assert.Equal("rotated", (await replaced.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None)).Name);
    }

    [Fact]
    public async Task No_token_value_reaches_a_stored_row_a_table_key_or_a_log_line()
    {
        var clock = new FakeTimeProvider(Noon);
        VkTokenOptions[] tokens =
        [
            new() { Name = "secrets-a", Token = "vk1.a.TOPSECRET-value-of-token-a" },
            new() { Name = "secrets-b", Token = "vk1.a.TOPSECRET-value-of-token-b" },
            new() { Name = "secrets-c", Token = "vk1.a.TOPSECRET-value-of-token-c" },
        ];
        var first = Instance(clock, chunk: 100, tokens);
        await using var second = Instance(clock, chunk: 100, tokens);
        var leases = new List<VkTokenLease>();
        for (var i = 0; i < 3; i++)
        {
            leases.Add(await first.Pool.AcquireAsync(new VkTokenNeeds(false, 25), CancellationToken.None));
        }

        await first.Pool.ReportDailyLimitAsync(leases.Single(lease => lease.Name == "secrets-a"), CancellationToken.None);
        await first.Pool.ReportCaptchaAsync(leases.Single(lease => lease.Name == "secrets-b"), CancellationToken.None);
        await first.Pool.ReportAuthFailureAsync(leases.Single(lease => lease.Name == "secrets-c"), 28, CancellationToken.None);
        clock.Advance(VkTokenPool.SharedStateRefresh);
        await Assert.ThrowsAnyAsync<Exception>(() => second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
        await first.DisposeAsync();

        var stored = new List<string>();
        await foreach (var entity in azurite.Storage.Table(StorageNames.RateSlotsTable).QueryAsync<TableEntity>())
        {
            stored.AddRange(entity.Select(property => $"{property.Key}={property.Value}"));
        }

        var logged = first.Logs.GetSnapshot().Concat(second.Logs.GetSnapshot()).Select(record => record.AllText()).ToList();
        Assert.Contains(stored, text => text.Contains("secrets-c", StringComparison.Ordinal));
        Assert.Contains(logged, text => text.Contains("secrets-c", StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Concat(logged), text => text.Contains("TOPSECRET", StringComparison.Ordinal));
    }

    /// <summary>
    /// The second instance reads the rows (with a request of its own), then the first takes the token and reports what VK said
    /// about it: the second learns it only from the rows.
    /// </summary>
    private static async Task OneReportsWhileTheOtherKnowsTheRowsAsync(PoolInstance first, PoolInstance second, Func<VkTokenPool, VkTokenLease, Task> report)
    {
        await second.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None);
        await report(first.Pool, await first.Pool.AcquireAsync(VkTokenNeeds.Any, CancellationToken.None));
    }

    /// <summary>Spends one wall.get call per request from several workers until the pool says no token can serve; answers the calls spent.</summary>
    private static async Task<int> SpendUntilExhaustedAsync(VkTokenPool pool, int workers)
    {
        var spent = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (true)
            {
                try
                {
                    await pool.AcquireAsync(new VkTokenNeeds(false, 1), CancellationToken.None);
                    Interlocked.Increment(ref spent);
                }
                catch (VkTokensExhaustedException)
                {
                    return;
                }
            }
        }));
        return spent;
    }

    private async Task<int> OperationsToSpendAsync(string name, int chunk)
    {
        await using var instance = Instance(TimeProvider.System, chunk, new VkTokenOptions { Name = name, Token = $"secret-{name}", RequestsPerSecond = UnpacedRate, DailyWallGetBudget = 1000 });
        Assert.Equal(1000, await SpendUntilExhaustedAsync(instance.Pool, workers: 1));
        return instance.Operations;
    }

    private async Task<TableEntity> RowAsync(string token) =>
        (await azurite.Storage.Table(StorageNames.RateSlotsTable).GetEntityAsync<TableEntity>(VkTokenLedger.Partition, token)).Value;

    /// <summary>One instance's pool, with its own storage clients (counting their table requests) and its own log.</summary>
    private PoolInstance Instance(TimeProvider clock, int chunk, params VkTokenOptions[] tokens)
    {
        var counter = new RequestCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var storage = new StorageClients(
            new BlobServiceClient(azurite.ConnectionString),
            new QueueServiceClient(azurite.ConnectionString),
            new TableServiceClient(azurite.ConnectionString, tableOptions));
        var logs = new FakeLogCollector();
        var pool = new VkTokenPool(
            Options.Create(new VkOptions { Tokens = [.. tokens], WallGetChunk = chunk }),
            clock,
            new FakeLogger<VkTokenPool>(logs),
            ledger: null,
            shared: new VkTokenLedger(storage, clock));
        return new PoolInstance(pool, counter, logs);
    }

    private sealed class PoolInstance(VkTokenPool pool, RequestCounter counter, FakeLogCollector logs) : IAsyncDisposable
    {
        public VkTokenPool Pool { get; } = pool;

        public FakeLogCollector Logs { get; } = logs;

        public int Operations => counter.Count;

        public ValueTask DisposeAsync() => Pool.DisposeAsync();
    }

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
