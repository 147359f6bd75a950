namespace BookData.Tests.Support;

/// <summary>
/// Marks a concrete test class whose tests run against PostgreSQL. Its <see cref="ProviderFactAttribute"/> and
/// <see cref="ProviderTheoryAttribute"/> tests, inherited ones included, are reported as skipped with
/// <see cref="PostgreSqlTestServer.SkipReason"/> when <c>BOOKDATA_TEST_POSTGRES</c> is not set.
/// </summary>
/// <remarks>
/// The pattern: an abstract base class holds the tests (with <c>[ProviderFact]</c> / <c>[ProviderTheory]</c>, not
/// <c>[Fact]</c> / <c>[Theory]</c>) and creates its databases with <c>TestDatabase.CreateAsync(Provider)</c>;
/// one subclass per provider supplies <c>Provider</c>, and only the PostgreSQL one carries this attribute:
/// <code>
/// public abstract class AuthorRepositoryTests
/// {
///     protected abstract BookDataProvider Provider { get; }
///
///     [ProviderFact]
///     public async Task AddAsync_NewName_ReturnsAuthor() { await using var db = await TestDatabase.CreateAsync(Provider); ... }
/// }
///
/// public sealed class SqliteAuthorRepositoryTests : AuthorRepositoryTests { protected override BookDataProvider Provider => BookDataProvider.Sqlite; }
///
/// [RequiresPostgreSql]
/// public sealed class PostgreSqlAuthorRepositoryTests : AuthorRepositoryTests { protected override BookDataProvider Provider => BookDataProvider.PostgreSql; }
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgreSqlAttribute : Attribute;
