using GosAnalytics.Collectors.Http;

namespace GosAnalytics.Collectors.Max;

/// <summary>
/// The one rate gate of a bot token: its <see cref="RequestPacer"/> for this process and, when shared, send times reserved
/// from the <see cref="SharedRateLedger"/> so that every instance on the storage account together keeps the bot's rate.
/// </summary>
/// <remarks>
/// VK reserves one shared slot per send (two table operations per request). At 30 requests/s that would be 60 operations a
/// second on one row, every instance retrying on ETag conflicts. Here one reservation takes a block of
/// <see cref="SlotsPerReservation"/> consecutive slots (the ledger's next free time moves on by that many intervals), which this
/// instance then hands out in order: two table operations per block. A slot that passes unused (the instance had nothing to
/// send) is dropped, which costs rate but never exceeds it: blocks of different instances never overlap.
/// </remarks>
internal sealed class MaxRateGate
{
    /// <summary>Slots per shared reservation: at 29 sends/s about a quarter of a second, short enough that an idle instance strands little.</summary>
    public const int SlotsPerReservation = 8;

    /// <summary>How late after its shared slot a send may still leave (as <see cref="Vk.VkTokenLease.SharedSlotLateness"/>).</summary>
    public static readonly TimeSpan SlotLateness = TimeSpan.FromMilliseconds(5);

    private readonly SharedRateLedger? ledger;
    private readonly string credential;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim reservation = new(1, 1);
    private readonly Queue<DateTimeOffset> slots = new();
    private long reservations;
    private long droppedSlots;
    private long staleTurns;

    /// <param name="credential">The ledger row's name for the token (a fingerprint, never the token).</param>
    public MaxRateGate(double requestsPerSecond, TimeProvider clock, SharedRateLedger? ledger, string credential)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        this.ledger = ledger;
        this.credential = credential;
        Pacer = new RequestPacer(requestsPerSecond, clock);
    }

    /// <summary>This process's pacer; alone it is the gate, with a ledger the shared slots pace the sends.</summary>
    public RequestPacer Pacer { get; }

    public bool IsShared => ledger is not null;

    /// <summary>Blocks of slots reserved from the shared ledger (each two table operations).</summary>
    public long SharedReservations => Interlocked.Read(ref reservations);

    /// <summary>Shared slots that passed before a request could use them.</summary>
    public long DroppedSlots => Interlocked.Read(ref droppedSlots);

    /// <summary>Requests that found their turn stale when they left and took a fresh one (<see cref="MaxSendPacingHandler"/>).</summary>
    public long StaleTurns => Interlocked.Read(ref staleTurns);

    public void CountStaleTurn() => Interlocked.Increment(ref staleTurns);

    private readonly TaskCompletionSource firstAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int firstSendTaken;

    /// <summary>True for the gate's very first send only: the one that opens a connection while the others wait for it.</summary>
    public bool TryTakeFirstSend() => Interlocked.Exchange(ref firstSendTaken, 1) == 0;

    /// <summary>Completes when the first send has its answer (or failed): until then the HTTP stack is cold.</summary>
    public Task FirstAnswer => firstAnswer.Task;

    public void FirstSendDone() => firstAnswer.TrySetResult();

    /// <summary>Waits for the next send time and takes it; the caller sends right after.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (ledger is null)
        {
            await Pacer.WaitTurnAsync(cancellationToken);
            return;
        }

        while (true)
        {
            var slot = await NextSlotAsync(cancellationToken);
            var wait = slot - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // The send follows at once: it leaves from the timer thread, not whenever a thread-pool thread is free.
                await PreciseDelay.WaitAsync(wait, clock, cancellationToken, resumeOnTimerThread: true);
            }

            if (clock.GetUtcNow() - slot <= SlotLateness)
            {
                return;
            }

            // Woken too late: sending now would crowd the next slot, which may be another instance's.
            Interlocked.Increment(ref droppedSlots);
        }
    }

    private async Task<DateTimeOffset> NextSlotAsync(CancellationToken cancellationToken)
    {
        await reservation.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            while (slots.TryPeek(out var passed) && now - passed > SlotLateness)
            {
                slots.Dequeue();
                Interlocked.Increment(ref droppedSlots);
            }

            if (slots.Count == 0)
            {
                var interval = Pacer.Interval;
                var start = await ledger!.ReserveAsync(MaxOptions.SectionName, credential, interval * SlotsPerReservation, cancellationToken);
                Interlocked.Increment(ref reservations);
                for (var i = 0; i < SlotsPerReservation; i++)
                {
                    slots.Enqueue(start + (interval * i));
                }
            }

            return slots.Dequeue();
        }
        finally
        {
            reservation.Release();
        }
    }
}
