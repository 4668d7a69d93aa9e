namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>Ends a command with an exit code and one message for stderr; <see cref="ShowUsage"/> appends the command's synopsis.</summary>
internal sealed class CliFailure(int exitCode, string message, bool showUsage = false) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public bool ShowUsage { get; } = showUsage;

    public static CliFailure Usage(string message) => new(ExitCodes.BadInput, message, showUsage: true);

    public static CliFailure BadInput(string message) => new(ExitCodes.BadInput, message);
}
