namespace BookData.Tests.Support;

/// <summary>
/// The test classes that use the replica: they run one at a time and alone, since one of them stops and starts it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgreSqlReplicaTests
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL replica";
}
