namespace BookData.Publishers;

/// <summary>The statements <see cref="PublisherRepository"/> runs.</summary>
internal static class PublisherSql
{
    public const string GetById = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher
        WHERE publisher_id = @PublisherId;
        """;

    public const string FindByName = """
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

    public const string Rename = """
        UPDATE publisher
        SET name = @Name
        WHERE publisher_id = @PublisherId
        RETURNING publisher_id AS PublisherId, name AS Name;
        """;

    public const string Delete = "DELETE FROM publisher WHERE publisher_id = @PublisherId;";
}
