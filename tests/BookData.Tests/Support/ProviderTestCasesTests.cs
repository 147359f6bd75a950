using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BookData.Tests.Support;

public sealed class ProviderTestCasesTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(ProviderTestCasesTests).Assembly));

    [Fact]
    public void SkipIfUnavailable_InheritedTestOfPostgreSqlClassWithoutServer_SkipsWithReason()
    {
        var testCase = Discover(typeof(PostgreSqlTestDatabaseTests), nameof(TestDatabaseTests.CountAsync_TableWithRows_ReturnsRowCount), serverConfigured: false);

        testCase.Should().NotBeNull("the PostgreSQL subclass inherits the test from its base");
        testCase!.SkipReason.Should().Be(PostgreSqlTestServer.SkipReason);
        testCase.TestMethod.TestClass.Class.Name.Should().Be(typeof(PostgreSqlTestDatabaseTests).FullName);
    }

    [Fact]
    public void SkipIfUnavailable_PostgreSqlClassWithServer_RunsNormally()
    {
        Discover(typeof(PostgreSqlTestDatabaseTests), nameof(TestDatabaseTests.CountAsync_TableWithRows_ReturnsRowCount), serverConfigured: true)
            .Should().BeNull();
    }

    [Fact]
    public void SkipIfUnavailable_SqliteClassWithoutServer_RunsNormally()
    {
        Discover(typeof(SqliteTestDatabaseTests), nameof(TestDatabaseTests.CountAsync_TableWithRows_ReturnsRowCount), serverConfigured: false)
            .Should().BeNull();
    }

    [Fact]
    public void SkipIfUnavailable_PooledClassWithServerButNoPooler_SkipsWithPoolerReason()
    {
        var testCase = Discover(typeof(PostgreSqlTestPoolerTests), nameof(PostgreSqlTestPoolerTests.ConnectionStringFor_TestDatabase_ReachesItThroughWildcardEntry), new PostgreSqlTestServers(Server: true, Pooler: false, Replica: true));

        testCase!.SkipReason.Should().Be(PostgreSqlTestPooler.SkipReason);
    }

    [Fact]
    public void SkipIfUnavailable_PooledClassWithoutServer_SkipsWithServerReason()
    {
        var testCase = Discover(typeof(PostgreSqlTestPoolerTests), nameof(PostgreSqlTestPoolerTests.ConnectionStringFor_TestDatabase_ReachesItThroughWildcardEntry), new PostgreSqlTestServers(Server: false, Pooler: true, Replica: true));

        testCase!.SkipReason.Should().Be(PostgreSqlTestServer.SkipReason);
    }

    [Fact]
    public void SkipIfUnavailable_PooledClassWithPooler_RunsNormally()
    {
        Discover(typeof(PostgreSqlTestPoolerTests), nameof(PostgreSqlTestPoolerTests.ConnectionStringFor_TestDatabase_ReachesItThroughWildcardEntry), new PostgreSqlTestServers(Server: true, Pooler: true, Replica: false))
            .Should().BeNull();
    }

    [Fact]
    public void SkipIfUnavailable_ReplicaClassWithServerButNoReplica_SkipsWithReplicaReason()
    {
        var testCase = Discover(typeof(PostgreSqlTestReplicaTests), nameof(PostgreSqlTestReplicaTests.WaitForReplayAsync_RowCommittedOnPrimary_ReplicaReadsIt), new PostgreSqlTestServers(Server: true, Pooler: true, Replica: false));

        testCase!.SkipReason.Should().Be(PostgreSqlTestReplica.SkipReason);
    }

    [Fact]
    public void SkipIfUnavailable_ReplicaClassWithReplica_RunsNormally()
    {
        Discover(typeof(PostgreSqlTestReplicaTests), nameof(PostgreSqlTestReplicaTests.WaitForReplayAsync_RowCommittedOnPrimary_ReplicaReadsIt), new PostgreSqlTestServers(Server: true, Pooler: false, Replica: true))
            .Should().BeNull();
    }

    [Fact]
    public void SkipIfUnavailable_PostgreSqlClassWithServerOnly_RunsNormally()
    {
        Discover(typeof(PostgreSqlTestDatabaseTests), nameof(TestDatabaseTests.CountAsync_TableWithRows_ReturnsRowCount), new PostgreSqlTestServers(Server: true, Pooler: false, Replica: false))
            .Should().BeNull();
    }

    [Fact]
    public void RequiresPostgreSqlClasses_EveryTest_UsesProviderAttribute()
    {
        // A plain [Fact] or [Theory] would not be skipped without a server; it would fail instead.
        var plain =
            from type in typeof(ProviderTestCasesTests).Assembly.GetTypes()
            where !type.IsAbstract && (type.IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true)
                || type.IsDefined(typeof(RequiresPostgreSqlPooledAttribute), inherit: true)
                || type.IsDefined(typeof(RequiresPostgreSqlReplicaAttribute), inherit: true))
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            from attribute in method.GetCustomAttributes<FactAttribute>(inherit: true)
            where attribute is not ProviderFactAttribute and not ProviderTheoryAttribute
            select $"{type.Name}.{method.Name}";

        plain.Should().BeEmpty();
    }

    private static IXunitTestCase? Discover(Type testClass, string methodName, bool serverConfigured) =>
        Discover(testClass, methodName, new PostgreSqlTestServers(serverConfigured, serverConfigured, serverConfigured));

    private static IXunitTestCase? Discover(Type testClass, string methodName, PostgreSqlTestServers available)
    {
        var collection = new TestCollection(Assembly, collectionDefinition: null, displayName: "provider test cases");
        var method = new TestMethod(new TestClass(collection, Reflector.Wrap(testClass)), Reflector.Wrap(testClass.GetMethod(methodName)!));
        return ProviderTestCases.SkipIfUnavailable(new NullMessageSink(), new DefaultDiscoveryOptions(), method, available);
    }

    /// <summary>Discovery options with every setting at its default.</summary>
    private sealed class DefaultDiscoveryOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }
}
