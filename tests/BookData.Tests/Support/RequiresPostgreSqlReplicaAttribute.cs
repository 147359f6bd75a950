namespace BookData.Tests.Support;

/// <summary>
/// Marks a concrete test class that needs the streaming replica (<see cref="PostgreSqlTestReplica"/>). Its
/// <see cref="ProviderFactAttribute"/> and <see cref="ProviderTheoryAttribute"/> tests are skipped with
/// <see cref="PostgreSqlTestReplica.SkipReason"/> when <c>BOOKDATA_TEST_POSTGRES_REPLICA</c> (or
/// <c>BOOKDATA_TEST_POSTGRES</c>) is not set. Put such a class in the <see cref="PostgreSqlReplicaTests"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgreSqlReplicaAttribute : Attribute;
