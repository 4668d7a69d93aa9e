using GosAnalytics.Core.Domain;

namespace GosAnalytics.Core.Tests.Domain;

public sealed class PageUnavailabilityTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    [Fact]
    public void A_first_permanent_failure_rests_the_page_for_the_configured_days()
    {
        var record = PageUnavailability.After(null, "VK community x is deleted", Day, 7);

        Assert.Equal(new PageUnavailability("VK community x is deleted", Day, Day, Day.AddDays(7), 1), record);
    }

    [Fact]
    public void Each_further_failure_doubles_the_rest_up_to_ninety_days()
    {
        var record = PageUnavailability.After(null, "gone", Day, 7);
        var rests = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var failedOn = record.RecheckOn;
            record = PageUnavailability.After(record, "gone", failedOn, 7);
            rests.Add(record.RecheckOn.DayNumber - failedOn.DayNumber);
        }

        Assert.Equal([14, 28, 56, 90, 90, 90], rests);
        Assert.Equal(Day, record.Since);
    }

    [Fact]
    public void The_same_day_failing_twice_counts_once_so_a_rerun_changes_nothing()
    {
        var once = PageUnavailability.After(null, "gone", Day, 7);

        Assert.Equal(once, PageUnavailability.After(once, "gone", Day, 7));
    }

    [Fact]
    public void A_rerun_of_a_day_before_the_last_failure_leaves_the_record_as_it_is()
    {
        var latest = PageUnavailability.After(PageUnavailability.After(null, "gone", Day, 7), "gone", Day.AddDays(7), 7);

        Assert.Same(latest, PageUnavailability.After(latest, "gone", Day.AddDays(3), 7));
    }

    [Fact]
    public void A_page_rests_only_on_days_after_its_failure_and_before_its_recheck()
    {
        var page = new RegisteredPage(Platform.Vk, "1", "", 28, OrganisationKind.Education, PageUnavailability.After(null, "gone", Day, 7));

        Assert.False(page.IsRestingOn(Day));
        Assert.True(page.IsRestingOn(Day.AddDays(1)));
        Assert.True(page.IsRestingOn(Day.AddDays(6)));
        Assert.False(page.IsRestingOn(Day.AddDays(7)));
        Assert.False((page with { Unavailable = null }).IsRestingOn(Day.AddDays(1)));
    }
}
