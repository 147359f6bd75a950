namespace BookData.Import;

/// <summary>What <see cref="CsvRecordReader"/> found wrong with a record's CSV.</summary>
internal enum CsvRecordProblem
{
    /// <summary>The record is well-formed CSV.</summary>
    None,

    /// <summary>A quote inside a field that does not start with one, such as <c>12" Single</c>.</summary>
    StrayQuote,

    /// <summary>Text after the closing quote of a quoted field, such as <c>"ab"c</c>.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted field still open at the end of the input.</summary>
    UnterminatedQuote,

    /// <summary>A field longer than <see cref="CsvRecordReader.MaxFieldBytes"/>.</summary>
    FieldTooLong,

    /// <summary>A record longer than <see cref="CsvRecordReader.MaxRecordBytes"/>.</summary>
    RecordTooLong,
}
