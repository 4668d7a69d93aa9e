using System.Text.Json;
using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Json;
using GosAnalytics.Core.Summaries;

namespace GosAnalytics.Core.Tests.Domain;

public sealed class EnumCodesTests
{
    [Theory]
    [InlineData(OrganisationKind.RegionalAuthority, "regional-authority")]
    [InlineData(OrganisationKind.SocialProtection, "social-protection")]
    [InlineData(OrganisationKind.Education, "education")]
    public void Organisation_kinds_have_the_registry_codes(OrganisationKind kind, string code) => Assert.Equal(code, kind.ToCode());

    [Fact]
    public void Members_without_an_explicit_code_use_their_camel_case_name()
    {
        Assert.Equal("vk", Platform.Vk.ToCode());
        Assert.Equal("erViews", ContentSort.ErViews.ToCode());
        Assert.Equal("far-eastern", FederalDistrict.FarEastern.ToCode());
        Assert.Equal(["day", "week", "month"], EnumCodes.AllCodes<Period>());
    }

    [Theory]
    [InlineData(" VK ", Platform.Vk)]
    [InlineData("Telegram", Platform.Telegram)]
    public void Codes_parse_trimmed_and_in_any_case(string text, Platform expected)
    {
        Assert.True(EnumCodes.TryParse<Platform>(text, out var platform));
        Assert.Equal(expected, platform);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("regionalAuthority")]
    [InlineData(null)]
    public void Anything_but_a_code_does_not_parse(string? text) => Assert.False(EnumCodes.TryParse<OrganisationKind>(text, out _));

    [Fact]
    public void Json_writes_the_code_and_reads_both_the_code_and_the_legacy_member_name()
    {
        Assert.Equal("\"regional-authority\"", JsonSerializer.Serialize(OrganisationKind.RegionalAuthority, JsonConventions.Options));
        Assert.Equal(OrganisationKind.SocialProtection, JsonSerializer.Deserialize<OrganisationKind>("\"social-protection\"", JsonConventions.Options));
        Assert.Equal(OrganisationKind.SocialProtection, JsonSerializer.Deserialize<OrganisationKind>("\"socialProtection\"", JsonConventions.Options));
    }

    [Theory]
    [InlineData("\"bank\"")]
    [InlineData("\"7\"")]
    [InlineData("3")]
    public void Json_refuses_a_value_that_is_no_member(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrganisationKind>(json, JsonConventions.Options));

    [Fact]
    public void Enum_dictionary_keys_are_written_and_read_as_codes()
    {
        var json = JsonSerializer.Serialize(new Dictionary<OrganisationKind, int> { [OrganisationKind.RegionalAuthority] = 2 }, JsonConventions.Options);
        Assert.Equal("{\"regional-authority\":2}", json);
        Assert.Equal(2, JsonSerializer.Deserialize<Dictionary<OrganisationKind, int>>(json, JsonConventions.Options)![OrganisationKind.RegionalAuthority]);
    }
}
