namespace BookData.Authors;

/// <summary>The statements <see cref="AuthorRepository"/> runs.</summary>
internal static class AuthorSql
{
    public const string GetById = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author
        WHERE author_id = @AuthorId;
        """;

    /// <summary>Finds an author by name; the columns' NOCASE collation makes the comparison case-insensitive.</summary>
    public const string FindByNameSqlite = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author
        WHERE last_name = @LastName AND first_name = @FirstName;
        """;

    public const string ListPage = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author
        ORDER BY last_name, first_name, author_id
        LIMIT @Limit OFFSET @Offset;
        """;

    public const string Count = "SELECT count(*) FROM author;";

    /// <summary>The health check's read (<see cref="Providers.CatalogStatements.HealthRead"/>): the first author, if any.</summary>
    public const string HealthReadSqlite = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author
        ORDER BY author_id
        LIMIT 1;
        """;

    public const string Insert = """
        INSERT INTO author (first_name, last_name)
        VALUES (@FirstName, @LastName)
        RETURNING author_id AS AuthorId, first_name AS FirstName, last_name AS LastName;
        """;

    /// <summary>Adds an author unless one with the name exists (a concurrent writer may have added it): no row then.</summary>
    public const string InsertIfMissing = """
        INSERT INTO author (first_name, last_name)
        VALUES (@FirstName, @LastName)
        ON CONFLICT DO NOTHING
        RETURNING author_id AS AuthorId, first_name AS FirstName, last_name AS LastName;
        """;

    public const string Rename = """
        UPDATE author
        SET first_name = @FirstName, last_name = @LastName
        WHERE author_id = @AuthorId
        RETURNING author_id AS AuthorId, first_name AS FirstName, last_name AS LastName;
        """;

    public const string Delete = "DELETE FROM author WHERE author_id = @AuthorId;";
}
