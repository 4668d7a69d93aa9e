namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// The trainer's exit codes, the same for every command and the same numbers as the local host's commands
/// (README, "Command lines"; docs/model-training.md).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and the answer is no: the candidate is worse, or promotion was refused.</summary>
    public const int Rejected = 1;

    /// <summary>Bad arguments, or input that cannot be used (no such file, bad rows, another featurisation): nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>A failure at run time: storage could not be reached or refused access, or the model could not be written.</summary>
    public const int RuntimeFailure = 3;

    /// <summary>Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The line every --help ends with.</summary>
    public const string Summary =
        "Exit codes: 0 done; 1 the answer is no (a worse candidate, a refused promotion); 2 bad arguments or input, nothing was written; " +
        "3 storage unreachable or an output not writable; 130 cancelled.";
}

/// <summary>Ends a command with an exit code and one message for stderr; <see cref="ShowUsage"/> appends the command's synopsis.</summary>
internal sealed class CliFailure(int exitCode, string message, bool showUsage = false) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public bool ShowUsage { get; } = showUsage;

    public static CliFailure Usage(string message) => new(ExitCodes.BadInput, message, showUsage: true);

    public static CliFailure BadInput(string message) => new(ExitCodes.BadInput, message);
}
