namespace BookData.Cli.Sql;

/// <summary>What an ad-hoc query wrote to its output.</summary>
/// <param name="RowCount">The number of rows written.</param>
/// <param name="Truncated"><see langword="true"/> when the row cap stopped the output and the query had more rows.</param>
internal sealed record QueryResult(long RowCount, bool Truncated);
