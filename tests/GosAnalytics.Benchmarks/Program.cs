using BenchmarkDotNet.Running;
using GosAnalytics.Benchmarks;

// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- --filter '*'   (docs/benchmarks.md)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- collect [options]   (collection throughput against a fake VK)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- content-quality [options]   (content-quality scoring and training)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- scale [options]   (the whole daily run for 1 %, 10 %, 100 % of the country)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- serve [options]   (the read API under wrk, and cold queries)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- history [options]   (a page's history in the largest region, cold and warm)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- fuzz [options]   (hostile requests over every route: docs/operations.md)
// dotnet run -c Release --project tests/GosAnalytics.Benchmarks -- drills [options]   (fault drills: docs/operations.md)
if (args.Length > 0 && args[0] == CollectionThroughputBench.Name)
{
    return await CollectionThroughputBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == CollectionThroughputBench.FakeName)
{
    return await CollectionThroughputBench.RunFakeAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == ScaleBench.Name)
{
    return await ScaleBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == ServeBench.Name)
{
    return await ServeBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == HistoryBench.Name)
{
    return await HistoryBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == FuzzBench.Name)
{
    return await FuzzBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == DrillBench.Name)
{
    return await DrillBench.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == ContentQualityBench.Name)
{
    return ContentQualityBench.Run(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

if (args.Length > 0 && args[0] == ContentQualityTrainingBench.Name)
{
    return ContentQualityTrainingBench.Run(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

Workloads.Print(Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
