using System.Globalization;
using GosAnalytics.ContentQuality.Training;

namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>
/// Progress of long steps on stderr: a bar redrawn in place with <c>\r</c> on a terminal, or a plain line every 10 % when stderr is
/// redirected, so that CI logs and files stay readable. Stages are the trainer's (<c>featurise</c>, <c>fit</c>, <c>evaluate</c>,
/// <c>explain</c>) and the CLI's own (<c>read</c>). Thread-safe: FastTree reports from its own thread.
/// </summary>
internal sealed class ProgressBar(TextWriter error, bool interactive) : IProgress<TrainingProgress>
{
    private const int Width = 30;
    private readonly Lock gate = new();
    private string? stage;
    private int shown = -1;
    private bool lineOpen;

    /// <summary>A bar on <paramref name="error"/>, drawn in place only when it is the console's stderr and that is a terminal.</summary>
    public static ProgressBar For(TextWriter error) =>
        new(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    public void Report(TrainingProgress value) => Report(value.Stage, value.Done, value.Total);

    public void Report(string name, long done, long total)
    {
        lock (gate)
        {
            if (name != stage)
            {
                EndLine();
                stage = name;
                shown = -1;
            }

            var percent = total <= 0 ? 100 : (int)Math.Clamp(done * 100 / total, 0, 100);
            var step = interactive ? percent : percent / 10 * 10;
            if (step == shown)
            {
                return;
            }

            shown = step;
            var counts = string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0}");
            if (interactive)
            {
                var filled = percent * Width / 100;
                error.Write($"\r{name,-10} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {counts}");
                lineOpen = percent < 100;
                if (!lineOpen)
                {
                    error.WriteLine();
                }
            }
            else
            {
                error.WriteLine($"{name}: {percent}% ({counts})");
            }
        }
    }

    /// <summary>Closes a bar left open (a stage that ended without reporting 100 %), before other output.</summary>
    public void Finish()
    {
        lock (gate)
        {
            EndLine();
            stage = null;
        }
    }

    private void EndLine()
    {
        if (lineOpen)
        {
            error.WriteLine();
            lineOpen = false;
        }
    }
}
