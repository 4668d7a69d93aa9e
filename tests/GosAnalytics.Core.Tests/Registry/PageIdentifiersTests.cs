using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Registry;

namespace GosAnalytics.Core.Tests.Registry;

public sealed class PageIdentifiersTests
{
    [Theory]
    [InlineData("https://vk.com/club123")]
    [InlineData("vk.com/public123")]
    [InlineData("vk.ru/event123")]
    [InlineData("https://m.vk.com/club123")]
    [InlineData("http://www.vk.com/club123/")]
    [InlineData("https://vk.com/club123?w=wall-123_45#comments")]
    [InlineData("123")]
    [InlineData("-123")]
    [InlineData("club123")]
    [InlineData("  CLUB123  ")]
    [InlineData("club0123")]
    public void A_VK_community_id_in_any_form_becomes_the_numeric_id_without_a_screen_name(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Vk, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity("123", ""), identity);
    }

    [Theory]
    [InlineData("https://vk.com/minobr28")]
    [InlineData("https://vk.com/MinObr28?from=search")]
    [InlineData("vk.ru/minobr28/")]
    [InlineData("minobr28")]
    [InlineData("@minobr28")]
    [InlineData("MINOBR28")]
    public void A_VK_screen_name_in_any_form_becomes_the_lowercase_screen_name_as_id_and_name(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Vk, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity("minobr28", "minobr28"), identity);
    }

    [Fact]
    public void A_VK_screen_name_may_contain_dots_and_underscores()
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Vk, "https://vk.com/amur.school_1", out var identity, out _));
        Assert.Equal(new PageIdentity("amur.school_1", "amur.school_1"), identity);
    }

    [Theory]
    [InlineData("https://vk.com/id123", "a user profile, not a community")]
    [InlineData("id123", "a user profile, not a community")]
    [InlineData("https://vk.com/", "has no community")]
    [InlineData("vk.com", "has no community")]
    [InlineData("https://vk.com/wall-123_45", "not a VK screen name")]
    [InlineData("https://vk.com/club123/photos", "not the address of a VK community")]
    [InlineData("a", "not a VK screen name")]
    [InlineData("thirty-three-characters-long-name", "not a VK screen name")]
    [InlineData("мин_обр", "not a VK screen name")]
    [InlineData("0", "not a VK screen name")]
    [InlineData("https://vk.com/feed", "a VK section")]
    [InlineData("https://t.me/minobr28", "is a Telegram address, but the row's platform is vk")]
    [InlineData("https://ok.ru/group/55348644610059", "is an OK address, but the row's platform is vk")]
    [InlineData("https://example.com/minobr28", "'example.com' is not vk.com")]
    [InlineData("", "empty")]
    public void A_VK_value_that_is_not_a_community_is_rejected_saying_why(string text, string reason)
    {
        Assert.False(PageIdentifiers.TryNormalize(Platform.Vk, text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("-70801090403050", "-70801090403050", "")]
    [InlineData(" -070801090403050 ", "-70801090403050", "")]
    [InlineData("https://max.ru/MinObr28", "minobr28", "minobr28")]
    [InlineData("max.ru/minobr28/AZvGd2khRSE", "minobr28", "minobr28")]
    [InlineData("https://web.max.ru/minobr-28?utm=1", "minobr-28", "minobr-28")]
    [InlineData("@minobr28", "minobr28", "minobr28")]
    public void A_MAX_channel_is_its_negative_chat_id_or_its_public_link_name(string text, string pageId, string screenName)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Max, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity(pageId, screenName), identity);
    }

    [Theory]
    [InlineData("70801090403050", "a channel's chat_id is negative")]
    [InlineData("https://max.ru/", "has no channel")]
    [InlineData("https://max.ru/-70801090403050", "not a MAX channel name")]
    [InlineData("https://vk.com/minobr28", "is a VK address, but the row's platform is max")]
    [InlineData("канал", "not a MAX channel name")]
    public void A_MAX_value_that_is_not_a_channel_is_rejected_saying_why(string text, string reason)
    {
        Assert.False(PageIdentifiers.TryNormalize(Platform.Max, text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_rejected_value_is_quoted_in_the_message()
    {
        Assert.False(PageIdentifiers.TryNormalize(Platform.Vk, "https://vk.com/id777", out _, out var error));
        Assert.StartsWith("'https://vk.com/id777' is a user profile", error);
    }

    [Theory]
    [InlineData("https://t.me/minobr_amur")]
    [InlineData("t.me/minobr_amur")]
    [InlineData("https://t.me/s/minobr_amur")]
    [InlineData("https://telegram.me/minobr_amur/")]
    [InlineData("https://t.me/minobr_amur/1234")]
    [InlineData("https://t.me/MinObr_Amur?utm_source=site")]
    [InlineData("@minobr_amur")]
    [InlineData("minobr_amur")]
    public void A_Telegram_channel_in_any_form_becomes_its_lowercase_username(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Telegram, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity("minobr_amur", "minobr_amur"), identity);
    }

    [Theory]
    [InlineData("https://t.me/+AbCdEf123", "private invite link: only public channels can be collected")]
    [InlineData("t.me/joinchat/AbCdEf123", "private invite link: only public channels can be collected")]
    [InlineData("+AbCdEf123", "private invite link")]
    [InlineData("@abc", "not a Telegram username")]
    [InlineData("1channel", "not a Telegram username")]
    [InlineData("mino-bramur", "not a Telegram username")]
    [InlineData("https://t.me/", "has no channel")]
    [InlineData("https://t.me/name_x/abc", "not the address of a public Telegram channel")]
    [InlineData("https://vk.com/minobr28", "is a VK address, but the row's platform is telegram")]
    public void A_Telegram_value_that_is_not_a_public_channel_is_rejected_saying_why(string text, string reason)
    {
        Assert.False(PageIdentifiers.TryNormalize(Platform.Telegram, text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("https://ok.ru/group/55348644610059")]
    [InlineData("ok.ru/group/55348644610059/topics")]
    [InlineData("https://m.ok.ru/group55348644610059")]
    [InlineData("https://ok.ru/group/55348644610059?st.cmd=x#y")]
    [InlineData("55348644610059")]
    public void An_OK_group_id_in_any_form_becomes_the_numeric_id(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Ok, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity("55348644610059", ""), identity);
    }

    [Theory]
    [InlineData("https://ok.ru/MinObrAmur")]
    [InlineData("ok.ru/minobramur/")]
    [InlineData("minobramur")]
    public void An_OK_short_name_becomes_the_lowercase_short_name(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Ok, text, out var identity, out var error), error);
        Assert.Equal(new PageIdentity("minobramur", "minobramur"), identity);
    }

    [Theory]
    [InlineData("https://ok.ru/group/55348644610059")]
    [InlineData("ok.ru/group/55348644610059/topics")]
    [InlineData("https://m.ok.ru/group55348644610059")]
    [InlineData("https://ok.ru/group/55348644610059?st.cmd=x#y")]
    [InlineData("55348644610059")]
    [InlineData("https://ok.ru/MinObrAmur")]
    [InlineData("ok.ru/minobramur/")]
    [InlineData("minobramur")]
    [InlineData("https://www.odnoklassniki.ru/minobramur")]
    public void The_collector_reads_what_the_registry_accepts_as_the_registry_stored_it(string text)
    {
        Assert.True(PageIdentifiers.TryNormalize(Platform.Ok, text, out var registered, out var error), error);

        // Both what the analyst wrote and what the import stored.
        Assert.True(PageIdentifiers.TryReadOkGroup(text, out var written, out error), error);
        Assert.True(PageIdentifiers.TryReadOkGroup(registered.PageId, out var stored, out error), error);
        Assert.Equal(registered, written);
        Assert.Equal(registered, stored);
    }

    [Theory]
    [InlineData("no-such-page", "no-such-page", "no-such-page")]
    [InlineData("ok.ru/AmurObl/", "amurobl", "amurobl")]
    [InlineData("1tv", "1tv", "1tv")]
    [InlineData("https://ok.ru/55348644610059", "55348644610059", "")]
    [InlineData("group/55348644610059", "55348644610059", "")]
    public void The_collector_leaves_names_outside_OK_s_spelling_rules_for_OK_to_resolve(string text, string pageId, string screenName)
    {
        Assert.True(PageIdentifiers.TryReadOkGroup(text, out var group, out var error), error);
        Assert.Equal(new PageIdentity(pageId, screenName), group);
    }

    [Theory]
    [InlineData("https://ok.ru/profile/571234567", "is a user profile, not a group.")]
    [InlineData("https://ok.ru/dk?st.cmd=altGroupMain", "is an OK section, not a group: copy the address of the group itself.")]
    [InlineData("https://ok.ru/", "has no group in it (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).")]
    [InlineData("", "has no group in it (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).")]
    [InlineData("https://ok.ru/group/abc", "is not the address of an OK group (e.g. https://ok.ru/group/55348644610059 or https://ok.ru/shortname).")]
    [InlineData("https://vk.com/club123", "is a VK address, not an OK one.")]
    [InlineData("https://example.com/amurobl", "is not an OK address: 'example.com' is not ok.ru, odnoklassniki.ru.")]
    public void The_collector_reads_no_group_from_what_cannot_be_one(string text, string reason)
    {
        Assert.False(PageIdentifiers.TryReadOkGroup(text, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData("https://ok.ru/profile/571234567", "a user profile, not a group")]
    [InlineData("https://ok.ru/dk?st.cmd=altGroupMain", "an OK section")]
    [InlineData("https://ok.ru/", "has no group")]
    [InlineData("https://ok.ru/group/abc", "not the address of an OK group")]
    [InlineData("https://vk.com/club123", "is a VK address, but the row's platform is ok")]
    public void An_OK_value_that_is_not_a_group_is_rejected_saying_why(string text, string reason)
    {
        Assert.False(PageIdentifiers.TryNormalize(Platform.Ok, text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
