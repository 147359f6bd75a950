namespace BookData.Cli.Hosting;

/// <summary>The process exit codes <c>bookdata</c> returns; scripts depend on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong: unknown command or option, missing or invalid argument.</summary>
    public const int Usage = 1;

    /// <summary>The input data was rejected: a validation error, a bad CSV row, a missing input file, a refused query.</summary>
    public const int BadInput = 2;

    /// <summary>The database could not be used: cannot open, not a database, locked, failed migration.</summary>
    public const int Database = 3;

    /// <summary>The command was interrupted (Ctrl+C) before it finished.</summary>
    public const int Interrupted = 130;
}
