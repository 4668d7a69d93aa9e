namespace GosAnalytics.Demo;

/// <summary>What a page writes about; one pool of topics and phrases per group.</summary>
internal enum DemoTopicGroup
{
    School,
    Preschool,
    Culture,
    Municipality,
    Health,
    Social,
    Sport,
    Youth,
    Utilities,
    Authority,
    Other,
}

/// <summary>When an event can happen: <see cref="Any"/> time, or only in one season.</summary>
internal enum DemoSeason
{
    Any,
    Winter,
    Spring,
    Summer,
    Autumn,
}

/// <summary>Who can hold a role: <see cref="Any"/> (the composer draws), or only a man or a woman.</summary>
internal enum DemoGender
{
    Any,
    Male,
    Female,
}

/// <summary>
/// An event a page reports on. <see cref="Past"/> carries its own verb so that gender agreement is right
/// («прошла выставка», «прошёл турнир»); <see cref="Invite"/> is the object of «Приглашаем …», null when one cannot invite to it.
/// </summary>
internal sealed record DemoTopic(string Past, string? Invite = null, DemoSeason Season = DemoSeason.Any);

internal sealed record DemoRole(string Name, DemoGender Gender = DemoGender.Any);

internal sealed record DemoHoliday(int Month, int Day, string Instrumental);

/// <summary>A verb of saying in both genders: «рассказал» / «рассказала».</summary>
internal sealed record DemoSaidVerb(string Male, string Female);

/// <summary>The pools of one <see cref="DemoTopicGroup"/>.</summary>
/// <param name="Audience">Genitive plural, so that it agrees with round numbers: «35 учеников»; empty when nobody takes part.</param>
/// <param name="Quotes">What the page's own people say, without quotation marks.</param>
/// <param name="Documents">Instrumental, after «В соответствии с».</param>
/// <param name="Purposes">Genitive, after «в целях».</param>
/// <param name="Activities">Each starts with its verb, agreeing with its subject: «проводятся мероприятия …».</param>
/// <param name="Programmes">Genitive, after «в рамках».</param>
internal sealed record DemoGroupVocabulary(
    string Audience,
    string Hashtag,
    DemoTopic[] Topics,
    string[] Details,
    string[] Hooks,
    string[] CallsToAction,
    string[] Quotes,
    DemoRole[] Roles,
    string[] Documents,
    string[] Purposes,
    string[] Activities,
    string[] Programmes);

/// <summary>
/// Vocabulary pools of the demo texts (<c>Data/vocabulary.json</c>), loaded once by <see cref="DemoData"/>. Placeholders
/// expanded by the composer: {N} a round number (10–200), {street}, {house}, {phone}, {date} (a past date), {n} a document
/// number, {year}, {region} (genitive), {admin} (genitive place of the page's administration).
/// </summary>
/// <param name="GenericDocuments">Instrumental, after «В соответствии с».</param>
/// <param name="GenericPurposes">Genitive, after «в целях».</param>
/// <param name="GenericActivities">Each starts with its verb.</param>
/// <param name="Surnames">Masculine form; the feminine adds «а» (all end in -ов, -ев, -ин).</param>
/// <param name="WeekdaysAccusative">With its preposition: «во вторник».</param>
/// <param name="GovernorBroadcastTitle">Title of the head of the region's own broadcasts; {leader} is the head's title after «с» («Губернатором»), {region} the region in the genitive.</param>
/// <param name="CitizenComments">Citizens' comments and questions under posts; {street} and {house} are expanded.</param>
internal sealed record DemoVocabulary(
    IReadOnlyDictionary<DemoTopicGroup, DemoGroupVocabulary> Groups,
    string[] GenericHooks,
    string[] GenericQuestions,
    string[] InviteEndings,
    string[] PlainInfo,
    string[] LongExtras,
    DemoHoliday[] Holidays,
    string[] Wishes,
    string[] ShortTexts,
    string[] RepostTexts,
    string[] Emojis,
    string[] BureaucraticHeaders,
    string[] ListIntroductions,
    string[] GenericDocuments,
    string[] GenericPurposes,
    string[] GenericActivities,
    string[] Obligations,
    string[] MaleNames,
    string[] FemaleNames,
    string[] Surnames,
    DemoSaidVerb[] SaidVerbs,
    string[] Streets,
    string[] MonthsGenitive,
    IReadOnlyDictionary<DayOfWeek, string> WeekdaysAccusative,
    string[] BroadcastTitles,
    string GovernorBroadcastTitle,
    string[] CitizenComments)
{
    /// <summary>Placeholders the composer expands in the phrases it passes through its template step.</summary>
    public static readonly IReadOnlySet<string> TextPlaceholders =
        new HashSet<string>(["N", "street", "house", "phone", "date", "n", "year", "region", "admin"], StringComparer.Ordinal);

    public DemoGroupVocabulary Group(DemoTopicGroup group) => Groups[group];

    internal void Validate()
    {
        DemoData.RequireEvery(Groups, "groups");
        DemoData.RequireEvery(WeekdaysAccusative, "weekdaysAccusative");
        DemoData.RequireItems(MonthsGenitive, "monthsGenitive", 12);
        DemoData.RequireItems(Wishes, "wishes", 2);
        foreach (var (group, entry) in Groups)
        {
            DemoData.RequireItems(entry.Topics, $"groups.{group}.topics");
            DemoData.RequireItems(entry.Details, $"groups.{group}.details");
            DemoData.RequireItems(entry.Hooks, $"groups.{group}.hooks");
            DemoData.RequireItems(entry.CallsToAction, $"groups.{group}.callsToAction");
            DemoData.RequireItems(entry.Quotes, $"groups.{group}.quotes");
            DemoData.RequireItems(entry.Roles, $"groups.{group}.roles");
            DemoData.RequireItems(entry.Documents, $"groups.{group}.documents");
            DemoData.RequireItems(entry.Purposes, $"groups.{group}.purposes");
            DemoData.RequireItems(entry.Activities, $"groups.{group}.activities");
            DemoData.RequireItems(entry.Programmes, $"groups.{group}.programmes");
            var templates = entry.Topics.Select(topic => topic.Past)
                .Concat(entry.Details).Concat(entry.CallsToAction).Concat(entry.Documents).Concat(entry.Purposes);
            foreach (var template in templates)
            {
                DemoData.RequirePlaceholders(template, TextPlaceholders, $"groups.{group}");
            }
        }

        (string Name, string[] Items)[] pools =
        [
            ("genericHooks", GenericHooks), ("genericQuestions", GenericQuestions), ("inviteEndings", InviteEndings), ("plainInfo", PlainInfo),
            ("longExtras", LongExtras), ("shortTexts", ShortTexts), ("repostTexts", RepostTexts), ("emojis", Emojis),
            ("bureaucraticHeaders", BureaucraticHeaders), ("listIntroductions", ListIntroductions), ("genericDocuments", GenericDocuments),
            ("genericPurposes", GenericPurposes), ("genericActivities", GenericActivities), ("obligations", Obligations), ("maleNames", MaleNames),
            ("femaleNames", FemaleNames), ("surnames", Surnames), ("streets", Streets), ("broadcastTitles", BroadcastTitles),
            ("citizenComments", CitizenComments),
        ];
        foreach (var (name, items) in pools)
        {
            DemoData.RequireItems(items, name);
        }

        DemoData.RequireItems(Holidays, "holidays");
        DemoData.RequireItems(SaidVerbs, "saidVerbs");
        foreach (var template in GenericQuestions.Concat(InviteEndings).Concat(PlainInfo).Concat(GenericDocuments).Concat(GenericPurposes).Concat(CitizenComments))
        {
            DemoData.RequirePlaceholders(template, TextPlaceholders, "generic pools");
        }
    }
}
