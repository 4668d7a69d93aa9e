using System.CommandLine;
using GosAnalytics.ContentQuality.Trainer.Commands;
using GosAnalytics.ContentQuality.Trainer.Data;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// The data scientists' CLI: train, evaluate, compare, promote and list content-quality models (docs/model-training.md).
/// Results go to stdout; progress, problems and errors to stderr. Exit codes: <see cref="ExitCodes"/>; parsing, help and
/// usage errors: <see cref="CommandLineRunner"/>.
/// </summary>
internal static class TrainerCli
{
    /// <summary>Problems of a data file printed before the rest is summarised as a count.</summary>
    public const int MaxPrintedProblems = 50;

    /// <summary>How the trainer is started, as help and usage errors show it.</summary>
    internal const string Invocation = "dotnet run --project ml/GosAnalytics.ContentQuality.Trainer --";

    /// <summary>Runs one command line in-process and returns its exit code; nothing is thrown except on cancellation.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("GosAnalytics content-quality trainer: makes content-quality models and puts them into service (docs/model-training.md).")
        {
            HelpName = Invocation,
        };
        root.Add(new TrainCommand().Create());
        root.Add(new EvaluateCommand().Create());
        root.Add(new CompareCommand().Create());
        root.Add(new PromoteCommand().Create());
        root.Add(new ListCommand().Create());

        // "help train" as well as "train --help".
        var line = args is ["help", .. var rest] ? [.. rest, "--help"] : args;
        return CommandLineRunner.RunAsync(root, line, output, error, cancellationToken);
    }

    /// <summary>
    /// A command's action: runs it with a progress bar on stderr and turns its failures into their message and exit code —
    /// <see cref="CliFailure"/> as one line (with the synopsis for a usage mistake), a bad data file as its problems by row and column.
    /// </summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, TextWriter, ProgressBar, CancellationToken, Task<int>> run) =>
        async (line, cancellationToken) =>
        {
            var (output, error) = (line.InvocationConfiguration.Output, line.InvocationConfiguration.Error);
            var command = line.CommandResult.Command;
            var progress = ProgressBar.For(error);
            try
            {
                return await run(line, output, progress, cancellationToken);
            }
            catch (CliFailure failure)
            {
                progress.Finish();
                if (failure.ShowUsage)
                {
                    await CommandLineRunner.WriteUsageErrorAsync(error, command, [failure.Message]);
                }
                else
                {
                    await error.WriteLineAsync($"{command.Name}: {failure.Message}");
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
        };
}
