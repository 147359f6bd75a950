namespace BookData.Cli.Sql;

/// <summary>The columns and rows an ad-hoc query returned.</summary>
/// <param name="Columns">The column names, in order.</param>
/// <param name="Rows">The rows; each value is <see langword="null"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or a <see cref="byte"/> array; on PostgreSQL also <see cref="decimal"/> or <see cref="bool"/>.</param>
internal sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
