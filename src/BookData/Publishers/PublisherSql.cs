namespace BookData.Publishers;

/// <summary>The statements <see cref="PublisherRepository"/> runs.</summary>
internal static class PublisherSql
{
    public const string GetById = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher
        WHERE publisher_id = @PublisherId;
        """;

    /// <summary>Finds a publisher by name; the column's NOCASE collation makes the comparison case-insensitive.</summary>
    public const string FindByNameSqlite = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher
        WHERE name = @Name;
        """;

    public const string ListPage = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher
        ORDER BY name, publisher_id
        LIMIT @Limit OFFSET @Offset;
        """;

    public const string Count = "SELECT count(*) FROM publisher;";

    public const string Insert = """
        INSERT INTO publisher (name)
        VALUES (@Name)
        RETURNING publisher_id AS PublisherId, name AS Name;
        """;

    /// <summary>Adds a publisher unless one with the name exists (a concurrent writer may have added it): no row then.</summary>
    public const string InsertIfMissing = """
        INSERT INTO publisher (name)
        VALUES (@Name)
        ON CONFLICT DO NOTHING
        RETURNING publisher_id AS PublisherId, name AS Name;
        """;

    public const string Rename = """
        UPDATE publisher
        SET name = @Name
        WHERE publisher_id = @PublisherId
        RETURNING publisher_id AS PublisherId, name AS Name;
        """;

    public const string Delete = "DELETE FROM publisher WHERE publisher_id = @PublisherId;";
}
