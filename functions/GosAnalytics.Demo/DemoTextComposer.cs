using System.Globalization;
using System.Text;

namespace GosAnalytics.Demo;

/// <summary>A composed post text with what the composer knows about it (bureaucratic sentences cannot be cheaply re-detected).</summary>
internal readonly record struct DemoText(string Text, int Sentences, int BureaucraticSentences, bool HasCallToAction);

/// <summary>
/// Builds Russian post texts from templates and the <see cref="DemoVocabulary"/> pools (<c>Data/vocabulary.json</c>). One
/// instance per generation call: it reuses a buffer and is not thread-safe.
/// </summary>
internal sealed class DemoTextComposer(DemoRegionData region)
{
    private readonly DemoVocabulary vocabulary = DemoData.Vocabulary;
    private readonly StringBuilder text = new(4096);
    private int sentences;
    private int bureaucratic;
    private bool callToAction;

    public DemoText Compose(ref DemoRandom rng, DemoPage page, DemoTextStyle style, DateOnly day)
    {
        text.Clear();
        sentences = 0;
        bureaucratic = 0;
        callToAction = false;
        switch (style)
        {
            case DemoTextStyle.Good:
                ComposeGood(ref rng, page, day);
                break;
            case DemoTextStyle.Plain:
                ComposePlain(ref rng, page, day);
                break;
            case DemoTextStyle.Bureaucratic:
                ComposeBureaucratic(ref rng, page, day);
                break;
            case DemoTextStyle.Short:
                ComposeShort(ref rng, day);
                break;
            default:
                if (rng.Chance(0.25))
                {
                    Sentence(rng.Pick(vocabulary.RepostTexts));
                }

                break;
        }

        return new DemoText(text.ToString(), sentences, bureaucratic, callToAction);
    }

    private void ComposeGood(ref DemoRandom rng, DemoPage page, DateOnly day)
    {
        var holiday = NearHoliday(day);
        if (holiday is not null && rng.Chance(0.6))
        {
            if (rng.Chance(0.6))
            {
                Append(rng.Pick(vocabulary.Emojis)).Append(' ');
            }

            Sentence(rng.Chance(0.5) ? $"Дорогие земляки! Поздравляем вас с {holiday.Instrumental}!" : $"С {holiday.Instrumental}!");
            Paragraph();
            var first = rng.Next(vocabulary.Wishes.Length);
            Sentence(vocabulary.Wishes[first]);
            Space();
            Sentence(vocabulary.Wishes[(first + 1 + rng.Next(vocabulary.Wishes.Length - 1)) % vocabulary.Wishes.Length]);
            Hashtags(ref rng, page);
            return;
        }

        var group = PickGroup(ref rng, page);
        var topic = PickTopic(ref rng, group, day);
        if (rng.Chance(0.75))
        {
            if (rng.Chance(0.4))
            {
                Append(rng.Pick(vocabulary.Emojis)).Append(' ');
            }

            var hooks = vocabulary.Group(group).Hooks;
            Sentence(rng.Chance(0.5) ? rng.Pick(hooks) : rng.Pick(vocabulary.GenericHooks));
            Paragraph();
        }

        if (topic.Invite is not null && rng.Chance(0.35))
        {
            Announcement(ref rng, topic, day);
            Space();
            Template(ref rng, page, day, rng.Pick(vocabulary.InviteEndings));
            sentences++;
            callToAction = true;
        }
        else
        {
            Report(ref rng, page, topic, day);
            if (vocabulary.Group(group).Audience.Length > 0 && rng.Chance(0.6))
            {
                Space();
                Participants(ref rng, group);
            }

            var details = vocabulary.Group(group).Details;
            var first = rng.Next(details.Length);
            Space();
            Template(ref rng, page, day, details[first]);
            sentences++;
            if (rng.Chance(0.5))
            {
                Space();
                Template(ref rng, page, day, details[(first + 1 + rng.Next(details.Length - 1)) % details.Length]);
                sentences++;
            }
        }

        if (rng.Chance(0.45))
        {
            Paragraph();
            Quote(ref rng, page);
        }

        if (rng.Chance(0.18))
        {
            // A long read: two or three more paragraphs; some pass the 1,200 characters where length starts to hurt.
            var paragraphs = rng.Next(1, 4);
            var start = rng.Next(vocabulary.LongExtras.Length);
            var used = 0;
            for (var p = 0; p < paragraphs; p++)
            {
                Paragraph();
                var count = rng.Next(2, 5);
                for (var i = 0; i < count && used < vocabulary.LongExtras.Length; i++, used++)
                {
                    if (i > 0)
                    {
                        Space();
                    }

                    Sentence(vocabulary.LongExtras[(start + used) % vocabulary.LongExtras.Length]);
                }
            }
        }

        if (rng.Chance(0.8))
        {
            Paragraph();
            var call = rng.Chance(0.5) ? rng.Pick(vocabulary.Group(group).CallsToAction) : rng.Pick(vocabulary.GenericQuestions);
            Template(ref rng, page, day, call);
            sentences++;
            callToAction = true;
        }

        if (rng.Chance(0.6))
        {
            Hashtags(ref rng, page);
        }
    }

    private void ComposePlain(ref DemoRandom rng, DemoPage page, DateOnly day)
    {
        var group = PickGroup(ref rng, page);
        var topic = PickTopic(ref rng, group, day);
        if (topic.Invite is not null && rng.Chance(0.25))
        {
            Announcement(ref rng, topic, day);
        }
        else if (rng.Chance(0.5))
        {
            Report(ref rng, page, topic, day);
        }
        else
        {
            // «В библиотеке прошла акция …» / «Прошёл приём граждан …»: no day, the most common plain form.
            var opening = page.Venue.Length > 0 ? $"{page.Venue} {topic.Past}." : $"{topic.Past}.";
            Append(char.ToUpperInvariant(opening[0]));
            Template(ref rng, page, day, opening[1..]);
            sentences++;
        }

        if (rng.Chance(0.3))
        {
            Space();
            Template(ref rng, page, day, rng.Pick(vocabulary.Group(group).Details));
            sentences++;
        }

        if (rng.Chance(0.25))
        {
            Space();
            BureaucraticSentence(ref rng, page, day, group, rng.Chance(0.5) ? 3 : 8);
        }

        if (rng.Chance(0.6))
        {
            Space();
            Template(ref rng, page, day, rng.Pick(vocabulary.PlainInfo));
            sentences++;
        }
    }

    private void ComposeBureaucratic(ref DemoRandom rng, DemoPage page, DateOnly day)
    {
        var group = PickGroup(ref rng, page);
        if (rng.Chance(0.25))
        {
            Append(rng.Pick(vocabulary.BureaucraticHeaders));
            Paragraph();
        }

        var split = rng.Chance(0.3);
        var opening = rng.NextDouble();
        if (opening < 0.55)
        {
            BureaucraticSentence(ref rng, page, day, group, 1);
        }
        else if (opening < 0.8)
        {
            Report(ref rng, page, PickTopic(ref rng, group, day), day);
            Space();
            Append("Мероприятие проведено в рамках ").Append(rng.Pick(vocabulary.Group(group).Programmes)).Append(" в целях ");
            Template(ref rng, page, day, rng.Pick(vocabulary.Group(group).Purposes));
            Append(".");
            sentences++;
            bureaucratic++;
        }
        else
        {
            BureaucraticSentence(ref rng, page, day, group, 7);
        }

        // Further sentences in a random order without repeats: kinds 2..8 except 7 (used as an opening only).
        Span<int> kinds = [2, 3, 4, 5, 6, 8];
        var extra = rng.Next(1, 5);
        for (var i = 0; i < extra; i++)
        {
            var j = i + rng.Next(kinds.Length - i);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
            if (split)
            {
                Paragraph();
            }
            else
            {
                Space();
            }

            BureaucraticSentence(ref rng, page, day, group, kinds[i]);
        }

        if (rng.Chance(0.2))
        {
            // Numbered list of activities: long, and every item is officialese.
            Paragraph();
            Append(rng.Pick(vocabulary.ListIntroductions));
            var items = rng.Next(3, 7);
            var picked = new string[items];
            for (var i = 0; i < items; i++)
            {
                var pool = rng.Chance(0.6) ? vocabulary.Group(group).Activities : vocabulary.Group((DemoTopicGroup)rng.Next(vocabulary.Groups.Count)).Activities;
                var activity = rng.Pick(pool);
                for (var attempt = 0; attempt < 8 && Array.IndexOf(picked, activity, 0, i) >= 0; attempt++)
                {
                    activity = rng.Pick(vocabulary.Group((DemoTopicGroup)rng.Next(vocabulary.Groups.Count)).Activities);
                }

                picked[i] = activity;
                Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(") ");
                Append(char.ToUpperInvariant(activity[0])).Append(activity, 1, activity.Length - 1).Append(i == items - 1 ? "." : ";");
            }

            sentences += items;
            bureaucratic += items;
        }

        if (rng.Chance(0.3))
        {
            Space();
            Template(ref rng, page, day, rng.Pick(vocabulary.PlainInfo));
            sentences++;
        }
    }

    private void ComposeShort(ref DemoRandom rng, DateOnly day)
    {
        var holiday = NearHoliday(day);
        if (holiday is not null && rng.Chance(0.5))
        {
            Sentence($"С {holiday.Instrumental}!");
            if (rng.Chance(0.5))
            {
                Append(" ").Append(rng.Pick(vocabulary.Emojis));
            }

            return;
        }

        if (rng.Chance(0.45))
        {
            return;
        }

        Sentence(rng.Pick(vocabulary.ShortTexts));
    }

    private void BureaucraticSentence(ref DemoRandom rng, DemoPage page, DateOnly day, DemoTopicGroup group, int kind)
    {
        switch (kind)
        {
            case 1:
                Append("В соответствии с ");
                Template(ref rng, page, day, rng.Chance(0.7) ? rng.Pick(vocabulary.Group(group).Documents) : rng.Pick(vocabulary.GenericDocuments));
                Append(" в целях ");
                Template(ref rng, page, day, rng.Chance(0.7) ? rng.Pick(vocabulary.Group(group).Purposes) : rng.Pick(vocabulary.GenericPurposes));
                Append(" ").Append(rng.Chance(0.7) ? rng.Pick(vocabulary.Group(group).Activities) : rng.Pick(vocabulary.GenericActivities)).Append('.');
                break;
            case 2:
                var from = day.AddDays(rng.Next(0, 5));
                Append("Информируем, что в период с ").Append(Numeric(from)).Append(" по ").Append(Numeric(from.AddDays(rng.Next(3, 30))))
                    .Append(" на территории ").Append(page.PlaceGenitive).Append(' ').Append(rng.Pick(vocabulary.Group(group).Activities)).Append('.');
                break;
            case 3:
                Append("Данные мероприятия реализуются в рамках ").Append(rng.Pick(vocabulary.Group(group).Programmes)).Append('.');
                break;
            case 4:
                Append("Ответственным лицам обеспечить ").Append(rng.Pick(vocabulary.Obligations)).Append('.');
                break;
            case 5:
                Append("По всем возникающим вопросам необходимо обращаться в установленном порядке по телефону ");
                Phone(page);
                Append('.');
                break;
            case 6:
                Append("Информация размещена в целях исполнения требований Федерального закона от 09.02.2009 № 8-ФЗ.");
                break;
            case 7:
                Append("Настоящим доводим до сведения граждан, что ").Append(rng.Pick(vocabulary.Group(group).Activities)).Append('.');
                break;
            default:
                Append("Дополнительно сообщаем, что в целях ");
                Template(ref rng, page, day, rng.Pick(vocabulary.GenericPurposes));
                Append(' ').Append(rng.Pick(vocabulary.GenericActivities)).Append('.');
                break;
        }

        sentences++;
        bureaucratic++;
    }

    private void Report(ref DemoRandom rng, DemoPage page, DemoTopic topic, DateOnly day)
    {
        var roll = rng.NextDouble();
        if (roll < 0.40)
        {
            Append("Сегодня");
        }
        else if (roll < 0.65)
        {
            Append("Вчера");
        }
        else if (roll < 0.72)
        {
            Append("На этой неделе");
        }
        else if (roll < 0.77)
        {
            Append("Накануне");
        }
        else if (roll < 0.87 && day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Tuesday)
        {
            Append("В минувшие выходные");
        }
        else
        {
            var past = day.AddDays(-rng.Next(2, 6));
            Append(past.Day.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(vocabulary.MonthsGenitive[past.Month - 1]);
        }

        if (page.Venue.Length > 0)
        {
            Append(' ').Append(page.Venue);
        }

        Append(' ');
        Template(ref rng, page, day, topic.Past);
        Append('.');
        sentences++;
    }

    private void Announcement(ref DemoRandom rng, DemoTopic topic, DateOnly day)
    {
        var date = day.AddDays(rng.Next(1, 8));
        Append("Приглашаем ").Append(topic.Invite!).Append(' ').Append(vocabulary.WeekdaysAccusative[date.DayOfWeek])
            .Append(", ").Append(date.Day.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(vocabulary.MonthsGenitive[date.Month - 1])
            .Append(", в ").Append(rng.Next(10, 19).ToString(CultureInfo.InvariantCulture)).Append(rng.Chance(0.7) ? ":00" : ":30");
        Append('.');
        sentences++;
    }

    private void Participants(ref DemoRandom rng, DemoTopicGroup group)
    {
        var count = 5 * rng.Next(2, 41);
        var audience = vocabulary.Group(group).Audience;
        Append(rng.Next(3) switch
        {
            0 => "Участие приняли ",
            1 => "Участниками стали ",
            _ => "Собралось более ",
        }).Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(audience).Append('.');
        sentences++;
    }

    /// <summary>A quote from the page's own people, on the page's own subject: a school quotes its teachers.</summary>
    private void Quote(ref DemoRandom rng, DemoPage page)
    {
        var group = page.Topic;
        Append('«').Append(rng.Pick(vocabulary.Group(group).Quotes)).Append("», — ");
        var verb = rng.Pick(vocabulary.SaidVerbs);
        if (page.Speaker is not null)
        {
            Append(verb.Male).Append(' ').Append(page.Speaker).Append('.');
        }
        else
        {
            var role = rng.Pick(vocabulary.Group(group).Roles);
            var female = role.Gender == DemoGender.Female || (role.Gender == DemoGender.Any && rng.Chance(0.65));
            Append(female ? verb.Female : verb.Male).Append(' ').Append(role.Name).Append(' ')
                .Append(female ? rng.Pick(vocabulary.FemaleNames) : rng.Pick(vocabulary.MaleNames)).Append(' ')
                .Append(rng.Pick(vocabulary.Surnames)).Append(female ? "а." : ".");
        }

        sentences++;
    }

    private void Hashtags(ref DemoRandom rng, DemoPage page)
    {
        Paragraph();
        Append('#').Append(region.Hashtag);
        if (region.ExtraHashtag is not null && rng.Chance(0.4))
        {
            Append(" #").Append(region.ExtraHashtag);
        }

        if (page.PlaceHashtag != region.Hashtag && rng.Chance(0.6))
        {
            Append(" #").Append(page.PlaceHashtag);
        }

        if (rng.Chance(0.7))
        {
            Append(" #").Append(vocabulary.Group(page.Topic).Hashtag);
        }
    }

    private static DemoTopicGroup PickGroup(ref DemoRandom rng, DemoPage page) => rng.Chance(0.75) ? page.Topic : page.SecondaryTopic;

    private DemoTopic PickTopic(ref DemoRandom rng, DemoTopicGroup group, DateOnly day)
    {
        var season = day.Month switch { 12 or 1 or 2 => DemoSeason.Winter, 3 or 4 or 5 => DemoSeason.Spring, 6 or 7 or 8 => DemoSeason.Summer, _ => DemoSeason.Autumn };
        var topics = vocabulary.Group(group).Topics;
        var topic = rng.Pick(topics);
        for (var attempt = 0; attempt < 4 && topic.Season != DemoSeason.Any && topic.Season != season; attempt++)
        {
            topic = rng.Pick(topics);
        }

        return topic.Season == DemoSeason.Any || topic.Season == season ? topic : FirstAnySeason(topics);
    }

    private static DemoTopic FirstAnySeason(DemoTopic[] topics) => Array.Find(topics, topic => topic.Season == DemoSeason.Any) ?? topics[0];

    private DemoHoliday? NearHoliday(DateOnly day)
    {
        foreach (var holiday in vocabulary.Holidays)
        {
            // Congratulations go out on the day or the day before.
            if ((holiday.Month == day.Month && holiday.Day == day.Day) || (holiday.Month == day.AddDays(1).Month && holiday.Day == day.AddDays(1).Day))
            {
                return holiday;
            }
        }

        return null;
    }

    /// <summary>Appends a pool phrase, expanding its placeholders.</summary>
    private void Template(ref DemoRandom rng, DemoPage page, DateOnly day, string template)
    {
        var start = 0;
        while (true)
        {
            var open = template.IndexOf('{', start);
            if (open < 0)
            {
                text.Append(template, start, template.Length - start);
                return;
            }

            text.Append(template, start, open - start);
            var close = template.IndexOf('}', open);
            var token = template.AsSpan(open + 1, close - open - 1);
            switch (token)
            {
                case "N":
                    text.Append(5 * rng.Next(2, 41));
                    break;
                case "street":
                    text.Append(rng.Pick(vocabulary.Streets));
                    break;
                case "house":
                    text.Append(rng.Next(1, 160));
                    break;
                case "phone":
                    Phone(page);
                    break;
                case "date":
                    text.Append(Numeric(day.AddDays(-rng.Next(10, 400))));
                    break;
                case "n":
                    text.Append(rng.Next(12, 2400));
                    break;
                case "year":
                    text.Append(day.Year);
                    break;
                case "region":
                    text.Append(region.Genitive);
                    break;
                case "admin":
                    text.Append(page.AdminGenitive);
                    break;
                default:
                    text.Append(token);
                    break;
            }

            start = close + 1;
        }
    }

    /// <summary>The page's own phone: stable for the page, formatted by the length of its area code.</summary>
    private void Phone(DemoPage page)
    {
        var digits = (int)(DemoSeed.Combine(page.Seed, 77) % 10_000_000UL);
        var code = page.PhoneCode;
        text.Append("8 (").Append(code).Append(") ");
        var local = code.Length switch { 3 => 7, 4 => 6, _ => 5 };
        var number = (digits % (int)Math.Pow(10, local)).ToString(CultureInfo.InvariantCulture).PadLeft(local, '2');
        var head = number.Length - 4;
        text.Append(number, 0, head).Append('-').Append(number, head, 2).Append('-').Append(number, head + 2, 2);
    }

    private static string Numeric(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private StringBuilder Append(string value) => text.Append(value);

    private StringBuilder Append(char value) => text.Append(value);

    private void Sentence(string value)
    {
        text.Append(value);
        sentences++;
    }

    private void Space() => text.Append(' ');

    private void Paragraph()
    {
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }
    }
}
