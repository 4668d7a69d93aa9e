using GosAnalytics.Collectors.Telegram;

namespace GosAnalytics.Collectors.Tests.Telegram;

public sealed class TelegramCountTests
{
    [Fact]
    public void Views_written_as_1_2K_are_read_as_1200() => Assert.Equal(1200, TelegramCount.Parse("1.2K"));

    [Fact]
    public void Views_written_as_3_4M_are_read_as_3_400_000() => Assert.Equal(3_400_000, TelegramCount.Parse("3.4M"));

    [Fact]
    public void Views_below_a_thousand_are_read_exactly() => Assert.Equal(713, TelegramCount.Parse("713"));

    [Theory]
    [InlineData("12.3K", 12_300)]
    [InlineData("713K", 713_000)]
    [InlineData("1M", 1_000_000)]
    [InlineData("0", 0)]
    [InlineData(" 42 ", 42)]
    public void Abbreviated_and_plain_counts_are_read_as_t_me_writes_them(string text, long expected) =>
        Assert.Equal(expected, TelegramCount.Parse(text));

    [Theory]
    [InlineData("12 345", 12_345)]
    [InlineData("12\u00A0345", 12_345)]
    [InlineData("1\u202F234\u202F567", 1_234_567)]
    [InlineData("1,234", 1_234)]
    public void Counts_with_thousand_separators_are_read_as_one_number(string text, long expected) =>
        Assert.Equal(expected, TelegramCount.Parse(text));

    [Theory]
    [InlineData("1,2K", 1_200)]
    [InlineData("3,4 М", 3_400_000)]
    public void A_decimal_comma_or_a_Cyrillic_suffix_still_reads(string text, long expected) =>
        Assert.Equal(expected, TelegramCount.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("K")]
    [InlineData("много")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1.2.3K")]
    public void Text_that_is_not_a_count_reads_as_null(string? text) => Assert.Null(TelegramCount.Parse(text));
}
