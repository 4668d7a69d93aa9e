namespace GosAnalytics.CommandLine;

/// <summary>
/// The exit codes of every command line of the repository — the trainer's commands and the local host's registry-import
/// and demo-truth — compiled into each executable from this one file (README, "Command lines").
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// The command ran and the answer is no: a registry file has errors (each printed as <c>FILE:LINE: column …</c>), a
    /// candidate model is worse, a promotion was refused.
    /// </summary>
    public const int Rejected = 1;

    /// <summary>
    /// Bad arguments (an unknown option, a missing or malformed value), or input that cannot be used (no such file; for the
    /// trainer also a data file with bad rows, or a model of another featurisation): nothing was written.
    /// </summary>
    public const int BadInput = 2;

    /// <summary>A failure at run time: storage unreachable or refusing access, an output file that cannot be written.</summary>
    public const int RuntimeFailure = 3;

    /// <summary>Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The line every --help ends with.</summary>
    public const string Summary =
        "Exit codes: 0 done; 1 done, and the answer is no; 2 bad arguments or input, nothing was written; " +
        "3 a failure at run time (storage unreachable, a file not writable); 130 cancelled.";
}
