using System.Text;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;

namespace GosAnalytics.Core.Tests.Registry;

public sealed class RegistryFileTests
{
    [Fact]
    public void A_valid_file_gives_one_normalised_page_per_row_with_its_line()
    {
        var file = RegistryFile.Validate(
            "platform;page;region;kind\n" +
            "vk;https://vk.com/club123;28;education\n" +
            "\n" +
            "telegram;@MinObr_Amur;28;regional-authority\n" +
            "ok;https://ok.ru/group/55348644610059;01;culture\n");

        Assert.False(file.HasErrors);
        Assert.Equal(3, file.RowsRead);
        Assert.Equal(
            [
                new RegistryRow(2, new RegisteredPage(Platform.Vk, "123", "", 28, OrganisationKind.Education)),
                new RegistryRow(4, new RegisteredPage(Platform.Telegram, "minobr_amur", "minobr_amur", 28, OrganisationKind.RegionalAuthority)),
                new RegistryRow(5, new RegisteredPage(Platform.Ok, "55348644610059", "", 1, OrganisationKind.Culture)),
            ],
            file.Rows);
    }

    [Fact]
    public void Russian_headers_platform_names_and_kind_names_are_accepted_in_any_column_order()
    {
        var file = RegistryFile.Validate(
            "Тип;Регион;Страница;Платформа\n" +
            "Образование;28;minobr28;ВКонтакте\n" +
            "молодежная политика;28;https://t.me/molodezh28;Телеграм\n" +
            "ЖКХ и благоустройство;28;ok.ru/gkh28;Одноклассники\n" +
            "sport;28;club5;вк\n");

        Assert.False(file.HasErrors, string.Join("\n", file.Errors));
        Assert.Equal(
            [(Platform.Vk, OrganisationKind.Education), (Platform.Telegram, OrganisationKind.Youth), (Platform.Ok, OrganisationKind.Utilities), (Platform.Vk, OrganisationKind.Sport)],
            file.Rows.Select(r => (r.Page.Platform, r.Page.Kind)));
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_a_comma_file_with_quotes_reads_the_same()
    {
        var file = RegistryFile.Validate("PLATFORM,Page,Region,KIND\r\n\"vk\",\"https://vk.com/minobr28?a=1,b=2\",\"28\",\"education\"\r\n");

        Assert.False(file.HasErrors, string.Join("\n", file.Errors));
        Assert.Equal("minobr28", Assert.Single(file.Rows).Page.PageId);
    }

    [Fact]
    public void A_missing_column_is_a_file_error_on_the_header_line_naming_it()
    {
        var file = RegistryFile.Validate("platform;page;kind\nvk;club1;education\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal((1, "region"), (error.Line, error.Column));
        Assert.Contains("Column 'region' is missing", error.Message);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void An_unknown_or_repeated_column_is_a_file_error_naming_it()
    {
        var file = RegistryFile.Validate("platform;page;region;kind;name;Region\nvk;club1;28;education;Школа;28\n");

        Assert.Equal(["name", "Region"], file.Errors.Select(e => e.Column));
        Assert.All(file.Errors, e => Assert.Equal(1, e.Line));
        Assert.StartsWith("Unknown column 'name': the columns are platform, page, region and kind", file.Errors[0].Message);
        Assert.Equal("Column 'Region' appears twice (columns 3 and 6).", file.Errors[1].Message);
    }

    [Fact]
    public void A_file_without_a_header_says_the_first_line_must_name_the_columns()
    {
        var file = RegistryFile.Validate("vk;club1;28;education\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("The first line must be a header", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF\r\n\r\n")]
    public void An_empty_file_is_one_error_for_the_whole_file(string text)
    {
        var error = Assert.Single(RegistryFile.Validate(text).Errors);
        Assert.Null(error.Line);
        Assert.StartsWith("The file is empty", error.Message);
    }

    [Fact]
    public void Every_bad_cell_is_reported_with_its_line_column_value_and_a_message_quoting_it()
    {
        var file = RegistryFile.Validate(
            "platform;page;region;kind\n" +
            "vk;club1;28;education\n" +
            "myspace;club2;28;education\n" +
            "vk;https://vk.com/id5;99a;bank\n" +
            "telegram;https://t.me/+secret;28;\n");

        Assert.Equal(
            [
                new RegistryImportError(3, "platform", "myspace", "'myspace' is not a platform: expected vk, ok, telegram or max (or вк, вконтакте, ок, одноклассники, телеграм, макс)."),
                new RegistryImportError(4, "page", "https://vk.com/id5", "'https://vk.com/id5' is a user profile, not a community: register the community's page (club…, public… or its screen name)."),
                new RegistryImportError(4, "region", "99a", "'99a' is not a region code: expected one of the 89 federal subject codes from 1 to 95 (e.g. 28 for Amur oblast)."),
                new RegistryImportError(4, "kind", "bank", $"'bank' is not an organisation kind: expected one of {string.Join(", ", EnumCodes.AllCodes<OrganisationKind>())} or its Russian name (e.g. Образование)."),
                new RegistryImportError(5, "page", "https://t.me/+secret", "'https://t.me/+secret' is a private invite link: only public channels can be collected."),
                new RegistryImportError(5, "kind", "", $"empty; expected an organisation kind: {string.Join(", ", EnumCodes.AllCodes<OrganisationKind>())}."),
            ],
            file.Errors);
        Assert.Equal(4, file.RowsRead);
        Assert.Equal(2, Assert.Single(file.Rows).Line);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("0")]
    [InlineData("96")]
    [InlineData("-28")]
    [InlineData("28.0")]
    public void A_number_that_is_not_a_federal_subject_code_is_not_a_region(string region)
    {
        var file = RegistryFile.Validate($"platform;page;region;kind\nvk;club1;{region};education\n");

        Assert.Equal("region", Assert.Single(file.Errors).Column);
    }

    [Fact]
    public void The_same_page_twice_in_a_file_makes_the_later_line_a_duplicate_of_the_first()
    {
        var file = RegistryFile.Validate(
            "platform;page;region;kind\n" +
            "vk;https://vk.com/club77;28;education\n" +
            "vk;minobr28;28;education\n" +
            "vk;-77;28;culture\n" +
            "telegram;minobr28x;28;education\n" +
            "VK;@MINOBR28;28;education\n");

        Assert.Equal(
            [
                new RegistryImportError(4, "page", "-77", "'-77' is a duplicate of line 2 (both are vk/77)."),
                new RegistryImportError(6, "page", "@MINOBR28", "'@MINOBR28' is a duplicate of line 3 (both are vk/minobr28)."),
            ],
            file.Errors);
        Assert.Equal([2, 3, 5], file.Rows.Select(r => r.Line));
    }

    [Fact]
    public void A_line_with_too_few_values_names_the_delimiter()
    {
        var file = RegistryFile.Validate("platform;page;region;kind\nvk,club1,28,education\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal((2, (string?)null), (error.Line, error.Column));
        Assert.Equal("The line has 1 values but the header has 4 columns (the delimiter is ';').", error.Message);
    }

    [Fact]
    public void Trailing_empty_columns_as_Excel_writes_them_are_ignored_but_a_value_under_no_header_is_an_error()
    {
        var file = RegistryFile.Validate("platform;page;region;kind;;\nvk;club1;28;education;;\nvk;club2;28;education;;stray\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("column 6, which has no name in the header", error.Message);
        Assert.Equal(2, Assert.Single(file.Rows).Line);
    }

    [Fact]
    public void UTF8_with_a_byte_order_mark_reads_like_without()
    {
        var text = "платформа;страница;регион;тип\nвк;club1;28;Образование\n";
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var file = RegistryFile.Validate(withBom);

        Assert.False(file.HasErrors, string.Join("\n", file.Errors));
        Assert.Equal(OrganisationKind.Education, Assert.Single(file.Rows).Page.Kind);
    }

    [Fact]
    public void A_Windows_1251_file_is_rejected_on_the_line_of_its_first_non_UTF8_byte()
    {
        // "платформа" etc. in Windows-1251 would be mojibake; the header here is ASCII, the Cyrillic kind on line 3 is not.
        var bytes = Encoding.ASCII.GetBytes("platform;page;region;kind\nvk;club1;28;education\nvk;club2;28;")
            .Concat(new byte[] { 0xCE, 0xE1, 0xF0, 0xE0, 0xE7, 0xEE, 0xE2, 0xE0, 0xED, 0xE8, 0xE5, (byte)'\n' }).ToArray();

        var error = Assert.Single(RegistryFile.Validate(bytes).Errors);

        Assert.Equal(3, error.Line);
        Assert.Contains("not UTF-8", error.Message);
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        var error = Assert.Single(RegistryFile.Validate("platform;page;region;kind\n\n").Errors);
        Assert.Contains("no pages", error.Message);
    }

    [Fact]
    public void Municipality_and_organisation_columns_are_optional_and_read_normalised()
    {
        var file = RegistryFile.Validate(
            "платформа;страница;регион;тип;муниципалитет;организация;название организации\n" +
            "vk;minobr28;28;Образование;;2801012345;Министерство образования и науки Амурской области\n" +
            "ok;ok.ru/group/55348644610059;28;education;  Тамбовский \u00a0 муниципальный   округ ;2801012345;\n" +
            "telegram;@school5_blg;28;education;город Благовещенск;;\n");

        Assert.False(file.HasErrors, string.Join("\n", file.Errors));
        Assert.Equal(
            [
                (null, "2801012345", "Министерство образования и науки Амурской области"),
                ("Тамбовский муниципальный округ", "2801012345", null),
                ("город Благовещенск", null, null),
            ],
            file.Rows.Select(r => (r.Page.Municipality, r.Page.OrganisationId, r.Page.OrganisationName)));

        // English headers, any order; a file without the columns reads as before, with none.
        var english = RegistryFile.Validate("organisation;platform;page;Organisation Name;region;kind;Municipality\ndemo-28-00025;vk;club1;Правительство;28;regional-authority;\n");
        Assert.False(english.HasErrors, string.Join("\n", english.Errors));
        Assert.Equal(("demo-28-00025", "Правительство", (string?)null), (english.Rows[0].Page.OrganisationId, english.Rows[0].Page.OrganisationName, english.Rows[0].Page.Municipality));
        var old = Assert.Single(RegistryFile.Validate("platform;page;region;kind\nvk;club1;28;education\n").Rows);
        Assert.Equal(new RegisteredPage(Platform.Vk, "1", "", 28, OrganisationKind.Education), old.Page);
        Assert.Null(old.Page.OrganisationId);
    }

    [Fact]
    public void A_bad_organisation_id_or_name_is_an_error_naming_its_line_and_column()
    {
        var file = RegistryFile.Validate(
            "platform;page;region;kind;organisation;organisation name;municipality\n" +
            "vk;club1;28;education;28 01 012345;;\n" +
            "vk;club2;28;education;a/b;;\n" +
            "vk;club3;28;education;;Школа № 5;\n" +
            $"vk;club4;28;education;ok-1;;{new string('я', 201)}\n" +
            "vk;club5;28;education;ok-2;Школа;Ивановский муниципальный округ\n");

        Assert.Equal(
            [(2, "organisation"), (3, "organisation"), (4, "organisation name"), (5, "municipality")],
            file.Errors.Select(e => (e.Line!.Value, e.Column!)));
        Assert.Equal("28 01 012345", file.Errors[0].Value);
        Assert.Contains("is not an organisation id", file.Errors[0].Message);
        Assert.Contains("gives no id for it", file.Errors[2].Message);
        Assert.Contains("at most 200 characters", file.Errors[3].Message);
        Assert.Equal("5", Assert.Single(file.Rows).Page.PageId);
    }

    [Fact]
    public void The_MAX_confirmation_reads_the_same_optional_values()
    {
        var page = RegistryFile.ReadPage("max", "-70801090403050", "28", "education", out var errors, " город  Белогорск ", "demo-28-00100", null);
        Assert.Empty(errors);
        Assert.Equal(("город Белогорск", "demo-28-00100"), (page!.Municipality, page.OrganisationId));

        Assert.Null(RegistryFile.ReadPage("max", "-70801090403050", "28", "education", out errors, null, "не id!", null));
        Assert.Equal("organisation", Assert.Single(errors).Column);
    }
}
