using BookData.Tests.Support;

namespace BookData.Tests.Publishers;

[RequiresPostgreSql]
public sealed class PostgreSqlPublisherRepositoryTests : PublisherRepositoryTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
}
