using GosAnalytics.Functions.Api;

namespace GosAnalytics.FunctionalTests;

/// <summary>The ranking CSV's cells: quoted where Excel needs it, and never read as a formula (OWASP's CSV injection list).</summary>
public sealed class RankingCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+7 (416) 222-22-22", "'+7 (416) 222-22-22")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+2", "'\t=1+2")]
    [InlineData("\t5", "'\t5")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    public void A_cell_that_a_spreadsheet_could_read_as_a_formula_starts_with_an_apostrophe(string cell, string written)
    {
        Assert.Equal(written, RankingCsv.Escape(cell));
    }

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("-12,5", "-12,5")]
    [InlineData("Школа № 5", "Школа № 5")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("", "")]
    public void Numbers_and_plain_text_are_written_as_they_are(string cell, string written)
    {
        Assert.Equal(written, RankingCsv.Escape(cell));
    }
}
