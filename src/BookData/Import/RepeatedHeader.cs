namespace BookData.Import;

/// <summary>What a data row that names the four columns again is (<see cref="CsvRowSource"/>).</summary>
internal enum RepeatedHeader
{
    /// <summary>Not a header: a book (the row does not name the four columns, or quotes them as the export quotes such a book).</summary>
    None,

    /// <summary>The file's header again, field for field: a row to leave out (two files with one header joined).</summary>
    Same,

    /// <summary>
    /// Another header: the columns in another order, or other fields beside them. The rows after it mean something
    /// else than the header says, so the file cannot be imported.
    /// </summary>
    Other,
}
