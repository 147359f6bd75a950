using System.Collections.Immutable;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BookData.Benchmarks;

/// <summary>
/// Runs and lists the benchmarks operation by operation (category, then arguments), baseline first, so
/// the competitors of one operation run back to back: on a shared machine the load then drifts less
/// between a competitor and its baseline.
/// </summary>
public sealed class OperationOrderer : IOrderer
{
    private static readonly IOrderer Default = DefaultOrderer.Instance;

    public bool SeparateLogicalGroups => true;

    public IEnumerable<BenchmarkCase> GetExecutionOrder(
        ImmutableArray<BenchmarkCase> benchmarksCase,
        IEnumerable<BenchmarkLogicalGroupRule>? order = null) => Sort(benchmarksCase);

    public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) =>
        Sort(benchmarksCases);

    public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => Default.GetHighlightGroupKey(benchmarkCase);

    public string? GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) =>
        Default.GetLogicalGroupKey(allBenchmarksCases, benchmarkCase);

    public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(
        IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups,
        IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        logicalGroups.OrderBy(group => Key(group.First()), StringComparer.Ordinal);

    private static IEnumerable<BenchmarkCase> Sort(IEnumerable<BenchmarkCase> cases) =>
        cases.OrderBy(Key, StringComparer.Ordinal)
            .ThenBy(c => c.Descriptor.Baseline ? 0 : 1)
            .ThenBy(c => c.Descriptor.WorkloadMethodDisplayInfo, StringComparer.Ordinal);

    private static string Key(BenchmarkCase benchmarkCase) =>
        $"{benchmarkCase.Descriptor.Type.Name}/{string.Join(",", benchmarkCase.Descriptor.Categories)}/{benchmarkCase.Parameters.ValueInfo}";
}
