using GosAnalytics.Core.Metrics;

namespace GosAnalytics.Core.Tests.Metrics;

public sealed class MedianTests
{
    [Fact]
    public void An_odd_count_gives_the_middle_value_and_an_even_count_the_mean_of_the_middle_two()
    {
        Assert.Equal(3.0, Median.Of([5, 1, 3]));
        Assert.Equal((0.1 + 0.7) / 2.0, Median.Of([0.9, 0.1, 0.7, 0.05]));
    }

    [Fact]
    public void No_values_have_no_median()
    {
        Assert.Null(Median.Of([]));
        Assert.Null(Median.OfInPlace([]));
    }

    [Fact]
    public void NaN_sorts_below_every_number()
    {
        Assert.Equal(1.0, Median.Of([2, double.NaN, 1]));
        Assert.Equal(double.NaN, Median.Of([double.NaN, 5]));
    }

    [Fact]
    public void Of_leaves_its_input_alone_and_OfInPlace_sorts_the_span()
    {
        double[] values = [3, 1, 2];

        Assert.Equal(2.0, Median.Of(values));
        Assert.Equal([3.0, 1, 2], values);
        Assert.Equal(2.0, Median.OfInPlace(values));
        Assert.Equal([1.0, 2, 3], values);
    }
}
