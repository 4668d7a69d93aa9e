using System.Globalization;

namespace GosAnalytics.TestSupport;

/// <summary>Registry files for tests that import pages.</summary>
public static class RegistryCsv
{
    /// <summary>A registry file with the English header and the given data rows.</summary>
    public static string Of(params string[] rows) => "platform;page;region;kind\n" + string.Join("\n", rows) + "\n";

    /// <summary>A numeric page id no other test uses, so that tests sharing the emulator cannot see each other's pages.</summary>
    public static string NewPageId() => Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString(CultureInfo.InvariantCulture);
}
