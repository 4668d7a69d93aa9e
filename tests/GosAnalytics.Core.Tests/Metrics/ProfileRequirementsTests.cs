using GosAnalytics.Core.Domain;
using GosAnalytics.Core.Metrics;
using static GosAnalytics.Core.Tests.Metrics.MetricsTestData;

namespace GosAnalytics.Core.Tests.Metrics;

public sealed class ProfileRequirementsTests
{
    [Theory]
    [InlineData(true, true, true, true, true, 1.0)]
    [InlineData(false, true, true, true, false, 3.0 / 5)] // no label, no site
    [InlineData(true, false, false, false, false, 1.0 / 5)]
    public void A_VK_page_is_measured_on_label_description_avatar_contacts_and_site(bool label, bool description, bool avatar, bool contacts, bool site, double expected)
    {
        var page = Page(hasGovernmentLabel: label, hasDescription: description, hasAvatar: avatar) with { HasContacts = contacts, HasSite = site };

        Assert.Equal(expected, PageMetricsCalculator.Compute(Snapshot(page), Period.Week, MetricDay, EmptyHistory).ProfileCompleteness, 1e-12);
        Assert.Equal(5, ProfileChecks.Of(page).Applying.Count());
    }

    [Fact]
    public void A_Telegram_channel_is_not_capped_by_a_label_Telegram_does_not_have()
    {
        // Telegram's verified icon is not the state's label: neither having it nor lacking it counts.
        var page = Page(hasGovernmentLabel: false) with { Platform = Platform.Telegram, HasContacts = true, HasSite = true };

        var checks = ProfileChecks.Of(page);

        Assert.Null(checks.Meets(ProfileRequirement.GovernmentLabel));
        Assert.Equal(1.0, checks.Completeness);
        Assert.Equal([ProfileRequirement.Description, ProfileRequirement.Avatar, ProfileRequirement.Contacts, ProfileRequirement.Site], checks.Applying);
    }

    [Fact]
    public void An_OK_group_whose_contacts_the_API_does_not_show_is_measured_on_description_avatar_and_site()
    {
        var page = Page(hasGovernmentLabel: true, hasDescription: true, hasAvatar: false) with { Platform = Platform.Ok, HasContacts = null, HasSite = true };

        var checks = ProfileChecks.Of(page);

        Assert.Equal([ProfileRequirement.Description, ProfileRequirement.Avatar, ProfileRequirement.Site], checks.Applying);
        Assert.Equal(2.0 / 3, checks.Completeness, 1e-12);
        Assert.Equal(checks, ProfileChecks.Unpack(checks.Pack()));
    }

    [Theory]
    [InlineData("Официальный канал. Сайт: https://amurobl.ru", false, true)]
    [InlineData("Приёмная: +7 (4162) 20-00-00", true, false)]
    [InlineData("Пишите: info@school1.ru, наш сайт школа1.рф", true, true)]
    [InlineData("Подписывайтесь: t.me/amurobl и vk.com/amurobl", false, false)]
    [InlineData("Работаем с 10.03.2026 по 12.03.2026", false, false)]
    [InlineData("8-800-100-00-00 и gosuslugi.ru", true, true)]
    [InlineData(null, false, false)]
    public void Contacts_and_a_site_are_read_from_a_channel_description(string? description, bool contacts, bool site)
    {
        Assert.Equal((contacts, site), (ProfileText.MentionsContacts(description), ProfileText.MentionsSite(description)));
    }
}
