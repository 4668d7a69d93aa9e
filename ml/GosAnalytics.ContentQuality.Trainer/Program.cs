namespace GosAnalytics.ContentQuality.Trainer;

/// <summary>The trainer's entry point: Ctrl+C cancels the command (a second Ctrl+C ends the process at once).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first press asks the command to stop between steps; FastTree cannot be interrupted, so a second press kills.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        try
        {
            return await TrainerCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; nothing was written.");
            return ExitCodes.Cancelled;
        }
    }
}
