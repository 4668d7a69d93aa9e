namespace GosAnalytics.ContentQuality;

/// <summary>
/// The features of a post that explain its content score in words an admin can act on (docs/content-features.md): the officialese
/// share (feature 8), Oborneva's reading ease (feature 7) and the words they are taken over (feature 1). From the same featuriser the
/// model reads, so the advice and the score describe the same text.
/// </summary>
public readonly record struct PostExplanation(float BureaucraticShare, float Readability, float Words)
{
    public static PostExplanation Of(PostContent post)
    {
        var features = PostFeatureExtractor.Extract(post);
        return new PostExplanation(features.BureaucraticShare, features.Readability, features.Words);
    }
}
