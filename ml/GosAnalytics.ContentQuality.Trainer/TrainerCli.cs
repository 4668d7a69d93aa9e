using GosAnalytics.ContentQuality.Trainer.Commands;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// The data scientists' CLI: train, evaluate, compare, promote and list content-quality models (docs/model-training.md).
/// Results go to stdout; progress, problems and errors to stderr. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
internal static class TrainerCli
{
    /// <summary>Problems of a data file printed before the rest is summarised as a count.</summary>
    public const int MaxPrintedProblems = 50;

    public const string Usage =
        "GosAnalytics content-quality trainer\n" +
        "Usage: dotnet run --project ml/GosAnalytics.ContentQuality.Trainer -- COMMAND [options]\n" +
        "  train      train a model on labelled posts and write DIR/model.zip and DIR/manifest.json\n" +
        "  evaluate   score the held-out pages of some data with a model (a directory or registry:current|registry:VERSION)\n" +
        "  compare    the registry's current model against a candidate on the same held-out posts (exit 1 if the candidate is worse)\n" +
        "  promote    make a candidate the registry's current model\n" +
        "  list       the registry's versions and their metrics\n" +
        "COMMAND --help shows a command's options. Exit codes: 0 ok, 1 failure (candidate worse, promotion refused), 2 bad arguments or data, 3 storage unreachable.";

    private sealed record Command(string Name, string Usage, IReadOnlyList<OptionSpec> Options, Func<CommandLine, TextWriter, ProgressBar, CancellationToken, Task<int>> Run);

    private static readonly Command[] Commands =
    [
        new(TrainCommand.Name, TrainCommand.Usage, TrainCommand.Options, TrainCommand.RunAsync),
        new(EvaluateCommand.Name, EvaluateCommand.Usage, EvaluateCommand.Options, EvaluateCommand.RunAsync),
        new(CompareCommand.Name, CompareCommand.Usage, CompareCommand.Options, CompareCommand.RunAsync),
        new(PromoteCommand.Name, PromoteCommand.Usage, PromoteCommand.Options, (line, output, _, ct) => PromoteCommand.RunAsync(line, output, ct)),
        new(ListCommand.Name, ListCommand.Usage, ListCommand.Options, (line, output, _, ct) => ListCommand.RunAsync(line, output, ct)),
    ];

    /// <summary>Runs one command line in-process and returns its exit code; nothing is thrown except on cancellation.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await (args.Length == 0 ? error : output).WriteLineAsync(Usage);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await error.WriteLineAsync($"unknown command '{args[0]}'.\n{Usage}");
            return ExitCodes.BadInput;
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync(command.Usage);
            return ExitCodes.Ok;
        }

        var progress = ProgressBar.For(error);
        try
        {
            var line = CommandLine.Parse(args[1..], command.Options);
            return await command.Run(line, output, progress, cancellationToken);
        }
        catch (CliFailure failure)
        {
            progress.Finish();
            await error.WriteLineAsync($"{command.Name}: {failure.Message}");
            if (failure.ShowUsage)
            {
                await error.WriteLineAsync(command.Usage);
            }

            return failure.ExitCode;
        }
        catch (DataProblemsException problems)
        {
            progress.Finish();
            foreach (var problem in problems.Problems.Take(MaxPrintedProblems))
            {
                await error.WriteLineAsync(problem.Format(problems.File));
            }

            var more = problems.Problems.Count - MaxPrintedProblems;
            await error.WriteLineAsync(
                (more > 0 ? $"… and {more} more problems. " : "") +
                $"{command.Name}: {problems.Problems.Count} {(problems.Problems.Count == 1 ? "problem" : "problems")} in {problems.File}; nothing was written.");
            return ExitCodes.BadInput;
        }
        finally
        {
            // A bar left open by Ctrl+C would glue the next line to it.
            progress.Finish();
        }
    }
}
