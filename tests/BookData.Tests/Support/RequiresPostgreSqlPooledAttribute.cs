namespace BookData.Tests.Support;

/// <summary>
/// Marks a concrete test class whose code under test connects through PgBouncer in transaction pooling mode
/// (<see cref="PostgreSqlTestPooler"/>). Its <see cref="ProviderFactAttribute"/> and <see cref="ProviderTheoryAttribute"/>
/// tests are skipped with <see cref="PostgreSqlTestPooler.SkipReason"/> when <c>BOOKDATA_TEST_POSTGRES_POOLED</c> (or
/// <c>BOOKDATA_TEST_POSTGRES</c>) is not set.
/// </summary>
/// <remarks>
/// The pattern, a third subclass of a shared test base beside the SQLite and PostgreSQL ones; the databases are created,
/// migrated and dropped directly on the server, the library's connection string goes through the pooler:
/// <code>
/// [RequiresPostgreSqlPooled]
/// public sealed class PooledPostgreSqlAuthorRepositoryTests : AuthorRepositoryTests
/// {
///     protected override BookDataProvider Provider => BookDataProvider.PostgreSql;
///     protected override Task&lt;TestDatabase&gt; CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
/// }
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgreSqlPooledAttribute : Attribute;
