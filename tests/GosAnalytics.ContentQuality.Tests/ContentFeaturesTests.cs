using Microsoft.ML.Data;

namespace GosAnalytics.ContentQuality.Tests;

public sealed class ContentFeaturesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_vector_starts_with_the_post_features_in_schema_order()
    {
        var post = PostContent.FromText(PostFeatureExtractorTests.LivelyPost, Noon) with { Photos = 3 };

        var dense = Dense(ContentFeatures.Featurize(post));

        Assert.Equal(ContentFeatures.Length, dense.Length);
        Assert.Equal(PostFeatureExtractor.Extract(post).ToArray(), dense[..PostFeatures.Count]);
    }

    [Fact]
    public void Case_yo_and_punctuation_do_not_change_the_ngrams_but_short_i_does()
    {
        var plain = NgramSlots("Ещё мой край");
        var shouted = NgramSlots("ЕЩЕ, МОЙ — КРАЙ!");
        var folded = NgramSlots("еще мои краи");

        Assert.Equal(plain, shouted);
        Assert.NotEqual(plain, folded);
    }

    [Fact]
    public void Stop_words_make_no_word_ngrams_and_do_not_break_bigrams_of_the_words_around_them()
    {
        var withStopWords = WordSlots("сквер и в парке");
        var without = WordSlots("сквер парке");

        Assert.Equal(without, withStopWords);
        Assert.Equal(3, without.Count); // «сквер», «парке», «сквер парке»
        Assert.Empty(WordSlots("и в на это"));
    }

    [Fact]
    public void Character_trigrams_mark_word_boundaries_and_skip_numbers_urls_and_mentions()
    {
        var slots = ContentFeatures.DescribeSlots([PostContent.FromText("сквер", Noon)], CharSlots("сквер"));

        string[] expected = ["char «_ск»", "char «вер»", "char «ер_»", "char «кве»", "char «скв»"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), slots.Values.Order(StringComparer.Ordinal));
        Assert.Equal(CharSlots("сквер"), CharSlots("сквер 2026 https://vk.com/amur_gov @amur_gov"));
    }

    [Fact]
    public void Hashtags_are_word_ngrams_whole()
    {
        var names = ContentFeatures.DescribeSlots([PostContent.FromText("#Приамурье", Noon)], WordSlots("#Приамурье"));

        Assert.Equal(["word «#приамурье»"], names.Values);
    }

    [Fact]
    public void Described_slots_name_the_most_frequent_ngram_and_keep_post_feature_names()
    {
        var posts = new[] { "Приходите на праздник", "Приходите в сквер", "Приходите!" }.Select(t => PostContent.FromText(t, Noon)).ToList();
        var slot = WordSlots("приходите").Single();

        var names = ContentFeatures.DescribeSlots(posts, [slot, 7]);

        Assert.Equal("word «приходите»", names[slot]);
        Assert.Equal(nameof(PostFeatures.Readability), names[7]);
        Assert.Equal("Readability", ContentFeatures.SlotName(7));
        Assert.StartsWith("word#", ContentFeatures.SlotName(ContentFeatures.WordSlotsStart));
        Assert.StartsWith("char#", ContentFeatures.SlotName(ContentFeatures.Length - 1));
    }

    [Fact]
    public void Featurising_is_deterministic_across_threads_and_reuses_nothing_between_posts()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"Пост номер {i}: приглашаем жителей {i % 7} района в сквер #Приамурье").ToList();
        var expected = texts.Select(t => Dense(ContentFeatures.Featurize(PostContent.FromText(t, Noon)))).ToList();

        var parallel = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(t => Dense(ContentFeatures.Featurize(PostContent.FromText(t, Noon)))).ToList();

        Assert.Equal(expected, parallel);
    }

    [Fact]
    public void The_fingerprint_names_the_layout_and_is_stable()
    {
        Assert.Matches(@"^content-features/v\d+/34\+1024w\+1024c/[0-9a-f]{16}$", ContentFeatures.SchemaFingerprint);
    }

    private static float[] Dense(VBuffer<float> vector) => vector.DenseValues().ToArray();

    private static HashSet<int> NgramSlots(string text)
    {
        var dense = Dense(ContentFeatures.Featurize(PostContent.FromText(text, Noon)));
        return [.. Enumerable.Range(ContentFeatures.WordSlotsStart, ContentFeatures.WordNgramSlots + ContentFeatures.CharNgramSlots).Where(i => dense[i] != 0)];
    }

    private static HashSet<int> WordSlots(string text) => [.. NgramSlots(text).Where(i => i < ContentFeatures.CharSlotsStart)];

    private static HashSet<int> CharSlots(string text) => [.. NgramSlots(text).Where(i => i >= ContentFeatures.CharSlotsStart)];
}
