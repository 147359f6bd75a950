using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace BookData.Benchmarks;

/// <summary>
/// One summary for the whole suite: benchmarks grouped and run by operation (category), each compared
/// with the raw ADO.NET baseline of its operation, with allocations.
/// </summary>
public static class BenchmarkConfig
{
    /// <summary>The full run: 3 warmup and 10 measured iterations per benchmark, each in its own process.</summary>
    public static Job Full { get; } = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("Full");

    /// <summary>
    /// A smoke run: in-process, 1 warmup and 3 iterations of about 25 ms, no overhead estimation.
    /// Its numbers only show that everything runs; they are too noisy to compare.
    /// </summary>
    public static Job Quick { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(25))
        .WithEvaluateOverhead(false)
        .WithId("Quick");

    /// <summary>
    /// The full run's counts in this process (<c>--in-process</c>): for a machine so loaded that building each
    /// benchmark's own project exceeds BenchmarkDotNet's build timeout.
    /// </summary>
    public static Job FullInProcess { get; } = Full.WithToolchain(InProcessEmitToolchain.Instance).WithId("FullInProcess");

    public static IConfig Create(bool quick, bool inProcess = false) =>
        DefaultConfig.Instance
            .AddJob(quick ? Quick : inProcess ? FullInProcess : Full)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOrderer(new OperationOrderer())
            .WithOptions(ConfigOptions.JoinSummary);
}
