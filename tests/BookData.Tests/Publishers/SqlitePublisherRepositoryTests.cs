namespace BookData.Tests.Publishers;

public sealed class SqlitePublisherRepositoryTests : PublisherRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;
}
