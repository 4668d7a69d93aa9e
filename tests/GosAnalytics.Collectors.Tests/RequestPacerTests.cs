using GosAnalytics.Collectors.Http;
using Microsoft.Extensions.Time.Testing;

namespace GosAnalytics.Collectors.Tests;

public sealed class RequestPacerTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(60)]
    public void No_second_ever_holds_more_turns_than_the_rate_even_when_turns_are_taken_late(double rate)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new RequestPacer(rate, clock);
        var turns = new List<long>();
        var jitter = new Random(42);
        while (turns.Count < 500)
        {
            if (pacer.TryTakeTurn(out var wait))
            {
                turns.Add(clock.GetTimestamp());
                continue;
            }

            // Wake up as a timer does: on time or a millisecond or two late.
            clock.Advance(wait + TimeSpan.FromMilliseconds(jitter.Next(0, 3)));
        }

        var second = TimeSpan.TicksPerSecond;
        for (var i = 0; i + (int)rate < turns.Count; i++)
        {
            Assert.True(turns[i + (int)rate] - turns[i] >= second, $"{rate + 1} turns within {TimeSpan.FromTicks(turns[i + (int)rate] - turns[i]).TotalMilliseconds} ms");
        }

        var achieved = (turns.Count - 1) / TimeSpan.FromTicks(turns[^1] - turns[0]).TotalSeconds;
        Assert.InRange(achieved, rate * 0.95, rate * RequestPacer.Headroom);
    }

    [Fact]
    public void The_first_turn_is_free_and_the_next_waits_one_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var pacer = new RequestPacer(5, clock);

        Assert.True(pacer.TryTakeTurn(out _));
        Assert.False(pacer.TryTakeTurn(out var wait));
        Assert.Equal(pacer.Interval, wait);
    }
}
