using System.Diagnostics;
using System.Reflection;

namespace GosAnalytics.Infra.Tests;

/// <summary>Finds the Bicep CLI shipped in the Azure.Bicep.CommandLine.linux-x64 package and runs it.</summary>
public static class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The repository root: the first folder above the test binaries that holds GosAnalytics.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ExecutablePath { get; } = FindExecutable();

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        // Read both streams concurrently so that neither pipe can fill up and block the process.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindRepoRoot()
    {
        // Walk up from the test binaries; when they were built outside the repository
        // (dotnet test --artifacts-path /tmp/...), walk up from the project folder recorded at build time.
        var starts = new[] { AppContext.BaseDirectory, Metadata("ProjectDirectory") }
            .Where(start => !string.IsNullOrEmpty(start))
            .Cast<string>();
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GosAnalytics.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No GosAnalytics.sln above {string.Join(" or ", starts)}.");
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindExecutable()
    {
        var candidates = new List<string>();

        // 1. The exact package folder NuGet restored for this project (GeneratePathProperty).
        var restored = Metadata("BicepPackageRoot");
        if (!string.IsNullOrEmpty(restored))
        {
            candidates.Add(Path.Combine(restored, "tools", "bicep"));
        }

        // 2. The global packages folder, should the metadata be missing (any restored version).
        var packagesRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packageDir = Path.Combine(packagesRoot, PackageId);
        if (Directory.Exists(packageDir))
        {
            candidates.AddRange(Directory.GetDirectories(packageDir)
                .OrderDescending(StringComparer.Ordinal)
                .Select(version => Path.Combine(version, "tools", "bicep")));
        }

        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The bicep binary was not found; looked at: {string.Join(", ", candidates)}. Restore the test project first.");

        EnsureExecutable(found);
        return found;
    }

    /// <summary>NuGet extracts files without guaranteeing the execute bit; add it when it is missing.</summary>
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        var execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}
