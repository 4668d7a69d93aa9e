using Microsoft.Extensions.Logging.Testing;

namespace GosAnalytics.Collectors.Tests;

internal static class FakeLogRecordText
{
    /// <summary>Everything a log record would write anywhere: category, level, message, structured values, scopes and exception.</summary>
    public static string AllText(this FakeLogRecord record) =>
        $"{record.Category} {record.Level} {record.Message} "
        + $"{string.Join("; ", (record.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))} "
        + $"{string.Join("; ", record.Scopes)} {record.Exception}";
}
