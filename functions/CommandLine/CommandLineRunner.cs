using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace GosAnalytics.CommandLine;

/// <summary>
/// How a command line is parsed, helped and refused: the conventions of every command line of the repository (README,
/// "Command lines"), compiled into the trainer and the local host from this one file.
/// <c>--help</c> (<c>-h</c>, <c>-?</c>) prints the command's options with their descriptions, then the exit codes, to stdout
/// and exits 0. A mistake — an unknown option or command, a missing or malformed value — is printed to stderr as
/// <c>COMMAND: problem</c>, one line per problem, then the synopsis and where help is, and exits <see cref="ExitCodes.BadInput"/>.
/// Arguments are taken literally: no response files (<c>@file</c>) and no bundling.
/// </summary>
internal static class CommandLineRunner
{
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
        var result = root.Parse(args, new ParserConfiguration { EnablePosixBundling = false, ResponseFileTokenReplacer = null });
        if (result.Action is not HelpWithExitCodes && Problems(result) is { Count: > 0 } problems)
        {
            await WriteUsageErrorAsync(error, result.CommandResult.Command, problems);
            return ExitCodes.BadInput;
        }

        // Exceptions reach the caller (cancellation above all), and Ctrl+C stays with the program's own handler.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await result.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>The problems, one line each as <c>COMMAND: problem</c>, then the synopsis and how to get help.</summary>
    public static async Task WriteUsageErrorAsync(TextWriter error, Command command, IEnumerable<string> problems)
    {
        var prefix = command is RootCommand ? "" : $"{command.Name}: ";
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(prefix + problem);
        }

        var path = string.Join(' ', Path(command).Select(c => c is RootCommand root ? root.HelpName ?? root.Name : c.Name));
        await error.WriteLineAsync($"Usage: {Synopsis(command, path)}");
        await error.WriteLineAsync($"'{path} --help' lists the options.");
    }

    private static List<string> Problems(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var unmatched = result.UnmatchedTokens;
        var known = Path(command).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        var children = result.CommandResult.Children.ToList();

        // System.CommandLine takes an option-like token as a value when an argument or option has room for one:
        // registry-import --force pages.csv, --registry-storage --bogus, --out --demo.
        var values = children.OfType<ArgumentResult>().SelectMany(a => a.Tokens)
            .Concat(children.OfType<OptionResult>().SelectMany(o => o.Tokens))
            .Select(t => t.Value)
            .Where(LooksLikeOption);
        var unknownOptions = unmatched.Concat(values)
            .Select(t => t.Split('=', 2)[0])
            .Where(t => LooksLikeOption(t) && !known.Contains(t))
            .Distinct()
            .Select(token => $"unknown option '{token}'.")
            .ToList();
        if (command.Subcommands.Count > 0)
        {
            // A group such as the trainer itself: only a command may follow.
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return unmatched.FirstOrDefault(t => !LooksLikeOption(t)) is { } name
                ? [$"unknown command '{name}'; the commands are {names}."]
                : [.. unknownOptions, $"name a command: {names}."];
        }

        var problems = unknownOptions;
        if (unknownOptions.Count == 0)
        {
            // After an unknown option, a stray word is most likely its value and not worth a second line.
            problems.AddRange(unmatched.Select(token => ExtraArgument(result, token)));
        }

        foreach (var option in children.OfType<OptionResult>())
        {
            problems.AddRange(option.Tokens.Where(t => known.Contains(t.Value))
                .Select(t => $"{option.Option.Name} needs a value; '{t.Value}' is an option."));
        }

        foreach (var parseError in result.Errors)
        {
            if (parseError.SymbolResult is CommandResult && unmatched.Any(t => parseError.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                continue;
            }

            // A missing argument is asked for by its description ("the CSV file to import").
            problems.Add(parseError.SymbolResult is ArgumentResult { Tokens.Count: 0, Argument.Description: { Length: > 0 } description }
                ? $"name {description}."
                : parseError.Message);
        }

        return [.. problems.Distinct()];
    }

    private static string ExtraArgument(ParseResult result, string token) =>
        result.CommandResult.Command.Arguments is [{ Arity.MaximumNumberOfValues: 1 } argument] && result.GetResult(argument) is { Tokens: [var first, ..] }
            ? $"one {(argument.HelpName ?? argument.Name).ToLowerInvariant()} at a time; got '{first.Value}' and '{token}'."
            : $"unexpected argument '{token}'.";

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    private static IEnumerable<Command> Path(Command command)
    {
        var path = new Stack<Command>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Push(c);
        }

        return path;
    }

    /// <summary>
    /// <c>PATH ARGUMENT --required VALUE [options]</c> (<c>PATH COMMAND [options]</c> for a group): what a command needs at
    /// least, where System.CommandLine's own usage line shows only <c>[options]</c>.
    /// </summary>
    private static string Synopsis(Command command, string path)
    {
        if (command.Subcommands.Count > 0)
        {
            return $"{path} COMMAND [options]";
        }

        var parts = new List<string> { path };
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => a.HelpName ?? a.Name));
        foreach (var option in command.Options.Where(o => o.Required))
        {
            var value = option.HelpName ?? "VALUE";
            parts.Add(option.Arity.MinimumNumberOfValues == 0 ? $"{option.Name} [{value}]" : $"{option.Name} {value}");
        }

        parts.Add("[options]");
        return string.Join(' ', parts);
    }

    /// <summary>System.CommandLine's help, then the exit codes; help wins over mistakes on the same line.</summary>
    private sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Summary);
            return ExitCodes.Ok;
        }
    }
}
