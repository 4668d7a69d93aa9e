using BenchmarkDotNet.Running;
using GosAnalytics.Benchmarks;

// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- --filter '*'   (docs/benchmarks.md)
Workloads.Print(Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
