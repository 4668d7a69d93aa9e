using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GosAnalytics.ContentQuality.Tests.Golden;

/// <summary>
/// Golden featurisation: the 50 fixed posts of <c>Golden/posts.json</c> and their whole model input vectors (post features and
/// n-gram slots) in <c>Golden/features.json</c>, recorded with the <see cref="ContentFeatures.SchemaFingerprint"/> of the code
/// that made them. A model is accepted at serving when its fingerprint equals the code's, so the same fingerprint must give the
/// same vectors: while it is unchanged, every vector must match bit for bit, and a change to the Russian text code (tokenizer,
/// normalisation, hashing, counting) fails here until <see cref="ContentFeatures.DefinitionVersion"/> is raised. When the
/// fingerprint differs (the version was raised, or a lexicon, a stop word, a feature name or the slot layout changed), the test
/// fails until the file is regenerated:
/// <code>GOSANALYTICS_REGENERATE_GOLDEN=1 dotnet test tests/GosAnalytics.ContentQuality.Tests --filter FullyQualifiedName~GoldenFeaturesTests</code>
/// which rewrites <c>features.json</c> and fails with "regenerated, review and commit"; run the tests again without the variable.
/// Regeneration refuses to record a changed vector for an unchanged post under an unchanged fingerprint.
/// </summary>
/// <remarks>
/// Floats are compared exactly, not within 1e-12: the features are counts and ratios made with IEEE additions, multiplications and
/// divisions (correctly rounded, the same on every platform .NET runs on) and no culture, clock or randomness, then stored as
/// <see cref="float"/> and written in the shortest form that reads back to the same bits. A tolerance of 1e-12 would be exact
/// anyway for floats (their precision is about 1e-7 of the value), and any tolerance would only hide a real change.
/// </remarks>
public sealed class GoldenFeaturesTests
{
    public const string RegenerateVariable = "GOSANALYTICS_REGENERATE_GOLDEN";

    private const string RegenerateCommand =
        RegenerateVariable + "=1 dotnet test tests/GosAnalytics.ContentQuality.Tests --filter FullyQualifiedName~GoldenFeaturesTests";

    private static readonly JsonSerializerOptions PostsJson = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Dictionary<string, int> SlotOfName =
        Enumerable.Range(0, ContentFeatures.Length).ToDictionary(ContentFeatures.SlotName, slot => slot, StringComparer.Ordinal);

    [Fact]
    public void Fifty_fixed_posts_give_their_checked_in_vectors_while_the_schema_fingerprint_is_unchanged()
    {
        var posts = LoadPosts();
        var actual = posts.Select(p => new GoldenVector(p.Id, p.InputHash(), Featurize(p))).ToList();
        var golden = File.Exists(FeaturesPath) ? ReadGolden(FeaturesPath) : null;
        var sameSchema = golden?.SchemaFingerprint == ContentFeatures.SchemaFingerprint;

        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            if (sameSchema)
            {
                var changed = Differences(golden!, actual, unchangedInputsOnly: true);
                Assert.True(changed.Length == 0,
                    $"Refusing to regenerate {FeaturesPath}: the vectors of unchanged posts changed, but the schema fingerprint is still " +
                    $"{ContentFeatures.SchemaFingerprint}. Raise ContentFeatures.DefinitionVersion (models trained on the old definition are " +
                    $"then refused) and regenerate again.\n{changed}");
            }

            WriteGolden(FeaturesPath, actual);
            Assert.Fail($"{FeaturesPath} regenerated at {ContentFeatures.SchemaFingerprint}: review and commit it, then run the tests again without {RegenerateVariable}.");
        }

        Assert.True(golden is not null, $"{FeaturesPath} is missing: create it with {RegenerateCommand}");
        Assert.True(sameSchema,
            $"{FeaturesPath} was recorded at {golden!.SchemaFingerprint} (DefinitionVersion {golden.DefinitionVersion}) but the code is at " +
            $"{ContentFeatures.SchemaFingerprint} (DefinitionVersion {ContentFeatures.DefinitionVersion}): regenerate the golden file with " +
            $"{RegenerateCommand}, review the changed vectors and commit them.");

        var inputs = InputDifferences(golden, actual);
        Assert.True(inputs.Length == 0, $"posts.json and {FeaturesPath} disagree: regenerate the golden file with {RegenerateCommand}.\n{inputs}");

        var differences = Differences(golden, actual, unchangedInputsOnly: false);
        Assert.True(differences.Length == 0,
            $"The featurisation changed but ContentFeatures.SchemaFingerprint did not ({ContentFeatures.SchemaFingerprint}). If the change is " +
            $"intended, raise ContentFeatures.DefinitionVersion and regenerate the golden file ({RegenerateCommand}); otherwise undo it.\n{differences}");
    }

    [Fact]
    public void The_fixed_posts_are_fifty_with_distinct_ids_and_every_post_feature_is_set_by_at_least_one_of_them()
    {
        var posts = LoadPosts();

        Assert.Equal(50, posts.Count);
        Assert.Equal(posts.Count, posts.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        var features = posts.Select(p => PostFeatureExtractor.Extract(p.ToContent()).ToArray()).ToList();
        Assert.All(PostFeatures.Names.Select((name, index) => (name, index)), feature =>
            Assert.True(features.Any(f => f[feature.index] != 0), $"No golden post sets {feature.name}; add one that does."));
    }

    private static string ProjectDirectory { get; } = FindProjectDirectory();

    private static string PostsPath => Path.Combine(ProjectDirectory, "Golden", "posts.json");

    private static string FeaturesPath => Path.Combine(ProjectDirectory, "Golden", "features.json");

    private static List<GoldenPost> LoadPosts()
    {
        using var stream = File.OpenRead(PostsPath);
        var file = JsonSerializer.Deserialize<GoldenPostsFile>(stream, PostsJson) ?? throw new InvalidDataException($"{PostsPath} is empty.");
        return file.Posts;
    }

    private static float[] Featurize(GoldenPost post) => ContentFeatures.Featurize(post.ToContent()).DenseValues().ToArray();

    /// <summary>Posts added, removed or edited since the golden file was recorded.</summary>
    private static string InputDifferences(GoldenFile golden, IReadOnlyList<GoldenVector> actual)
    {
        var recorded = golden.Vectors.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var vector in actual)
        {
            if (!recorded.TryGetValue(vector.Id, out var old))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {vector.Id}: new post");
            }
            else if (old.InputHash != vector.InputHash)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {vector.Id}: edited post");
            }
        }

        foreach (var id in recorded.Keys.Except(actual.Select(v => v.Id), StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {id}: removed post");
        }

        return report.ToString();
    }

    /// <summary>Every post whose vector differs from the recorded one, with its first differing slots.</summary>
    private static string Differences(GoldenFile golden, IReadOnlyList<GoldenVector> actual, bool unchangedInputsOnly)
    {
        var recorded = golden.Vectors.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var vector in actual)
        {
            if (!recorded.TryGetValue(vector.Id, out var old) || (unchangedInputsOnly && old.InputHash != vector.InputHash))
            {
                continue;
            }

            var slots = Enumerable.Range(0, Math.Max(old.Values.Length, vector.Values.Length))
                .Where(slot => BitsAt(old.Values, slot) != BitsAt(vector.Values, slot))
                .ToList();
            if (slots.Count == 0)
            {
                continue;
            }

            var shown = slots.Take(8).Select(slot =>
                $"{(slot < ContentFeatures.Length ? ContentFeatures.SlotName(slot) : $"slot {slot}")} {Show(old.Values, slot)} → {Show(vector.Values, slot)}");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  {vector.Id}: {string.Join(", ", shown)}{(slots.Count > 8 ? $" and {slots.Count - 8} more slots" : "")}");
        }

        return report.ToString();
    }

    private static int? BitsAt(float[] values, int slot) => slot < values.Length ? BitConverter.SingleToInt32Bits(values[slot]) : null;

    private static string Show(float[] values, int slot) => slot < values.Length ? values[slot].ToString("R", CultureInfo.InvariantCulture) : "(none)";

    private static GoldenFile ReadGolden(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var vectors = new List<GoldenVector>();
        foreach (var post in root.GetProperty("posts").EnumerateArray())
        {
            var values = new float[root.GetProperty("vectorLength").GetInt32()];
            foreach (var part in new[] { "features", "ngrams" })
            {
                foreach (var slot in post.GetProperty(part).EnumerateObject())
                {
                    values[SlotOfName.TryGetValue(slot.Name, out var index) && index < values.Length
                        ? index
                        : throw new InvalidDataException($"{path}: unknown slot '{slot.Name}'; regenerate the file.")] = slot.Value.GetSingle();
                }
            }

            vectors.Add(new GoldenVector(post.GetProperty("id").GetString()!, post.GetProperty("input").GetString()!, values));
        }

        return new GoldenFile(root.GetProperty("definitionVersion").GetInt32(), root.GetProperty("schemaFingerprint").GetString()!, vectors);
    }

    /// <summary>
    /// Writes the vectors: the post features by name, one a line, so a review sees which feature of which post changed; the
    /// n-gram slots that are set, on one line per post (hash slots mean nothing one by one).
    /// </summary>
    private static void WriteGolden(string path, IReadOnlyList<GoldenVector> vectors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("description", "Feature vectors of Golden/posts.json, recorded by GoldenFeaturesTests; do not edit by hand.");
            writer.WriteString("regenerate", RegenerateCommand);
            writer.WriteNumber("definitionVersion", ContentFeatures.DefinitionVersion);
            writer.WriteString("schemaFingerprint", ContentFeatures.SchemaFingerprint);
            writer.WriteNumber("vectorLength", ContentFeatures.Length);
            writer.WriteStartArray("posts");
            foreach (var vector in vectors)
            {
                writer.WriteStartObject();
                writer.WriteString("id", vector.Id);
                writer.WriteString("input", vector.InputHash);
                writer.WriteStartObject("features");
                for (var slot = 0; slot < PostFeatures.Count; slot++)
                {
                    writer.WriteNumber(ContentFeatures.SlotName(slot), Finite(vector, slot));
                }

                writer.WriteEndObject();
                writer.WritePropertyName("ngrams");
                writer.WriteRawValue(CompactNgrams(vector));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.WriteAllText(path, Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }

    private static string CompactNgrams(GoldenVector vector)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var slot = PostFeatures.Count; slot < vector.Values.Length; slot++)
            {
                if (vector.Values[slot] != 0)
                {
                    writer.WriteNumber(ContentFeatures.SlotName(slot), Finite(vector, slot));
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static float Finite(GoldenVector vector, int slot) => float.IsFinite(vector.Values[slot])
        ? vector.Values[slot]
        : throw new InvalidOperationException($"{vector.Id}: {ContentFeatures.SlotName(slot)} is {vector.Values[slot]}, which JSON cannot hold.");

    private static string FindProjectDirectory()
    {
        // Recorded at build time (the test binaries may live outside the repository); else walk up from them.
        var recorded = typeof(GoldenFeaturesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Golden", "posts.json")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "GosAnalytics.ContentQuality.Tests");
            if (File.Exists(Path.Combine(candidate, "Golden", "posts.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Golden/posts.json not found under {recorded ?? "(no recorded project directory)"} or above {AppContext.BaseDirectory}.");
    }

    private sealed record GoldenPostsFile(string Description, List<GoldenPost> Posts);

    /// <summary>One fixed post as posts.json holds it: the inputs of <see cref="PostContent"/> and an id.</summary>
    private sealed record GoldenPost(
        string Id,
        string Text,
        int Photos,
        int Videos,
        int Links,
        int Documents,
        int Polls,
        int OtherAttachments,
        bool IsRepost,
        bool IsBroadcast,
        DateTimeOffset PublishedAt)
    {
        public PostContent ToContent() =>
            new(Text, Photos, Videos, Links, Documents, Polls, OtherAttachments, IsRepost, IsBroadcast, PublishedAt);

        /// <summary>A hash of the inputs, so the golden file knows which posts were edited since it was recorded.</summary>
        public string InputHash()
        {
            var canonical = string.Create(CultureInfo.InvariantCulture,
                $"{Id}\u001F{Text}\u001F{Photos} {Videos} {Links} {Documents} {Polls} {OtherAttachments} {IsRepost} {IsBroadcast}\u001F{PublishedAt:O}");
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        }
    }

    private sealed record GoldenVector(string Id, string InputHash, float[] Values);

    private sealed record GoldenFile(int DefinitionVersion, string SchemaFingerprint, IReadOnlyList<GoldenVector> Vectors);
}
