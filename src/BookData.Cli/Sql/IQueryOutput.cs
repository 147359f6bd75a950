namespace BookData.Cli.Sql;

/// <summary>Where an ad-hoc query's rows go as they are read, one at a time, so no result is ever held whole.</summary>
internal interface IQueryOutput
{
    /// <summary>Called once, before the first row.</summary>
    /// <param name="columns">The column names, in order, as the query gives them (duplicates possible).</param>
    void Start(IReadOnlyList<string> columns);

    /// <summary>Called for each row, in order.</summary>
    /// <param name="values">
    /// The row's values: <see langword="null"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or a
    /// <see cref="byte"/> array; on PostgreSQL also <see cref="decimal"/> or <see cref="bool"/>. The array is reused for
    /// the next row: copy what must outlive the call.
    /// </param>
    void WriteRow(object?[] values);

    /// <summary>Called once, after the last row, when the query ran to its end or to the row cap.</summary>
    /// <param name="result">How many rows were written and whether more were left unread.</param>
    void Finish(QueryResult result);
}
