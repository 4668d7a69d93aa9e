namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>The trainer's exit codes, the same for every command (docs/model-training.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but the answer is no: the candidate is worse, or promotion was refused.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or bad data: nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Storage could not be reached or refused access.</summary>
    public const int StorageUnreachable = 3;
}

/// <summary>Ends a command with an exit code and one message for stderr; <see cref="ShowUsage"/> appends the command's usage.</summary>
internal sealed class CliFailure(int exitCode, string message, bool showUsage = false) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public bool ShowUsage { get; } = showUsage;

    public static CliFailure Usage(string message) => new(ExitCodes.BadInput, message, showUsage: true);

    public static CliFailure BadInput(string message) => new(ExitCodes.BadInput, message);
}
