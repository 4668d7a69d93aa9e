using GosAnalytics.Core.Registry;

namespace GosAnalytics.Core.Tests.Registry;

public sealed class CsvReaderTests
{
    [Theory]
    [InlineData("platform;page;region;kind\nvk;club1;28;education", ';')]
    [InlineData("platform,page,region,kind\nvk,club1,28,education", ',')]
    [InlineData("platform\tpage\tregion\tkind\nvk\tclub1\t28\teducation", '\t')]
    [InlineData("\"a,b\";c;d\n", ';')]
    [InlineData("\n\nplatform,page;region,kind\n", ',')]
    public void The_delimiter_is_the_candidate_the_header_line_uses_most_outside_quotes(string text, char expected)
    {
        Assert.Equal(expected, CsvReader.Read(text).Delimiter);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var document = CsvReader.Read("\uFEFFplatform;page\nvk;club1\n");

        Assert.Equal(["platform", "page"], document.Records[0].Fields);
    }

    [Fact]
    public void Quoted_values_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var document = CsvReader.Read("a;b;c\n\"x;y\";\"say \"\"hi\"\"\";\"two\r\nlines\"\nnext;1;2\n");

        Assert.Equal(["x;y", "say \"hi\"", "two\r\nlines"], document.Records[1].Fields);
        Assert.Equal(2, document.Records[1].Line);
        Assert.Equal(4, document.Records[2].Line);
        Assert.All(document.Records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Lines_are_numbered_as_an_editor_shows_them_skipping_blank_lines_and_Excel_empty_rows()
    {
        var document = CsvReader.Read("h1,h2\r\n\r\na,b\r\n,\r\n  \r\nc,d");

        Assert.Equal([1, 3, 6], document.Records.Select(r => r.Line));
        Assert.Equal(["c", "d"], document.Records[2].Fields);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_on_the_line_where_it_opens()
    {
        var document = CsvReader.Read("a;b\n1;2\n\"open;3\n4;5\n");

        var broken = document.Records[^1];
        Assert.Equal(3, broken.Line);
        Assert.Contains("never closed", broken.Error);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_of_its_record()
    {
        var document = CsvReader.Read("a;b\n\"x\"y;2\n");

        Assert.Contains("closing quote", document.Records[1].Error);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_is_kept_as_text()
    {
        var document = CsvReader.Read("a;b\nООО \"Ромашка\";2\n");

        Assert.Equal("ООО \"Ромашка\"", document.Records[1].Fields[0]);
        Assert.Null(document.Records[1].Error);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_does_not_open_quotes_so_a_delimiter_after_it_still_splits()
    {
        var document = CsvReader.Read("a;b\nООО \"Ром;ашка;2\nnext;3\n");

        Assert.Equal(["ООО \"Ром", "ашка", "2"], document.Records[1].Fields);
        Assert.Equal((3, "next"), (document.Records[2].Line, document.Records[2].Fields[0]));
        Assert.All(document.Records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void White_space_after_a_closing_quote_is_kept_and_is_not_an_error()
    {
        var document = CsvReader.Read("a;b\n\"x\" ;\"y\"\u00A0\n");

        Assert.Equal(["x ", "y\u00A0"], document.Records[1].Fields);
        Assert.Null(document.Records[1].Error);
    }

    [Fact]
    public void A_record_with_a_harmless_stray_quote_still_reports_text_after_a_later_closing_quote()
    {
        var document = CsvReader.Read("a;b\nООО \"Ромашка\";\"x\"y\n");

        Assert.Equal(["ООО \"Ромашка\"", "xy"], document.Records[1].Fields);
        Assert.Contains("closing quote", document.Records[1].Error);
    }

    [Fact]
    public void An_unclosed_quote_after_a_multi_line_value_names_the_line_where_it_opens()
    {
        var document = CsvReader.Read("a;b\n\"one\rtwo\r\nthree\";\"open\nrest\n");

        var broken = Assert.Single(document.Records, r => r.Error is not null);
        Assert.Equal(2, broken.Line);
        Assert.StartsWith("the quote that opens a value on line 4 is never closed", broken.Error);
        Assert.Equal(["one\rtwo\r\nthree", "open\nrest\n"], broken.Fields);
    }

    [Fact]
    public void An_Excel_separator_hint_is_data_and_lone_carriage_returns_end_lines()
    {
        var document = CsvReader.Read("sep=;\ra;b\r1;2");

        Assert.Equal(';', document.Delimiter);
        Assert.Equal([1, 2, 3], document.Records.Select(r => r.Line));
        Assert.Equal(["sep=", ""], document.Records[0].Fields);
    }

    [Fact]
    public void Only_one_byte_order_mark_is_dropped_and_lines_starting_with_a_hash_are_records()
    {
        var document = CsvReader.Read("\uFEFF\uFEFFa;b\n#c;d\n");

        Assert.Equal(["\uFEFFa", "b"], document.Records[0].Fields);
        Assert.Equal(["#c", "d"], document.Records[1].Fields);
    }
}
