using System.Text;
using GosAnalytics.Functions.Api;

namespace GosAnalytics.FunctionalTests;

/// <summary>
/// The CSV exports' cells: quoted where Excel needs it, never read as a formula (OWASP's CSV injection list), and ids Excel would turn
/// into 7,00078E+13 written as text constants.
/// </summary>
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

    [Theory]
    [InlineData("70007812345678")]
    [InlineData("-70801090403050")]
    [InlineData("150000012064017")]
    public void An_id_Excel_would_read_as_a_number_is_written_as_a_text_constant_that_keeps_every_digit(string id)
    {
        var line = RussianCsv.ToText(["ID"], [[RussianCsv.Id(id)]]).Split("\r\n")[1];

        // On disk: "=""70007812345678""" (RFC 4180 quoting); Excel reads the cell as the formula ="70007812345678", a text constant.
        Assert.Equal($"\"=\"\"{id}\"\"\"", line);
        var cell = DemoPipelineTests.Cells(line).Single();
        Assert.Equal($"=\"{id}\"", cell);
        Assert.Equal(id, RussianCsv.ExcelText(cell));
    }

    [Theory]
    [InlineData("minobr28")]
    [InlineData("mid.0000406a1b2c00000fa1")]
    public void An_id_that_is_not_a_number_is_written_as_it_is(string id)
    {
        Assert.Equal(id, RussianCsv.Escape(RussianCsv.Id(id)));
    }

    [Fact]
    public void A_formula_that_only_looks_like_an_id_constant_is_still_neutralised()
    {
        Assert.Equal("\"'=\"\"1\"\"+HYPERLINK(\"\"x\"\")\"", RussianCsv.Escape("=\"1\"+HYPERLINK(\"x\")"));
    }

    [Fact]
    public async Task A_download_is_written_row_by_row_with_a_BOM_and_no_row_limit()
    {
        using var body = new MemoryStream();
        await RussianCsv.WriteAsync(body, ["Место", "ID"], Enumerable.Range(1, 2000).Select(i => (IReadOnlyList<string>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture), RussianCsv.Id("7000" + i)]), CancellationToken.None);

        var bytes = body.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2001, lines.Length);
        Assert.Equal("2000;\"=\"\"70002000\"\"\"", lines[^1]);
    }
}
