using System.Reflection;

namespace GosAnalytics.ContentQuality.Tests;

public sealed class PostFeaturesSchemaTests
{
    private static readonly PropertyInfo[] FeatureProperties =
        typeof(PostFeatures).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(float)).ToArray();

    [Fact]
    public void Schema_lists_every_float_property_once_with_a_description()
    {
        Assert.Equal(PostFeatures.Count, PostFeatures.Schema.Count);
        Assert.Equal(PostFeatures.Count, FeatureProperties.Length);
        Assert.Equal(FeatureProperties.Select(p => p.Name).Order(), PostFeatures.Names.Order());
        Assert.All(PostFeatures.Schema, feature => Assert.False(string.IsNullOrWhiteSpace(feature.Description)));
    }

    [Fact]
    public void Every_public_property_is_a_float_feature()
    {
        var all = typeof(PostFeatures).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.All(all, p => Assert.Equal(typeof(float), p.PropertyType));
    }

    [Fact]
    public void Vector_order_follows_the_schema_names()
    {
        var post = new PostContent(PostFeatureExtractorTests.LivelyPost + "\n" + PostFeatureExtractorTests.BureaucraticPost, 3, 1, 1, 2, 1, 1,
            IsRepost: false, IsBroadcast: true, new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var features = PostFeatureExtractor.Extract(post);

        var vector = features.ToArray();

        for (var i = 0; i < PostFeatures.Count; i++)
        {
            var property = typeof(PostFeatures).GetProperty(PostFeatures.Names[i])!;
            Assert.Equal((float)property.GetValue(features)!, vector[i]);
        }
    }
}
