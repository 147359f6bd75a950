using Xunit.Abstractions;
using Xunit.Sdk;

namespace BookData.Tests.Support;

/// <summary>The skip decision shared by the provider-aware fact and theory discoverers.</summary>
internal static class ProviderTestCases
{
    /// <summary>Which PostgreSQL servers the environment names.</summary>
    public static PostgreSqlTestServers Configured => new(
        PostgreSqlTestServer.IsConfigured, PostgreSqlTestPooler.IsConfigured, PostgreSqlTestReplica.IsConfigured);

    /// <summary>
    /// A skipped test case when the test's concrete class needs a PostgreSQL server (or pooler, or replica) that is
    /// not configured; <see langword="null"/> when the test should run.
    /// </summary>
    public static IXunitTestCase? SkipIfUnavailable(
        IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod) =>
        SkipIfUnavailable(diagnosticMessageSink, discoveryOptions, testMethod, Configured);

    /// <summary>The same decision when the server, its pooler and its replica are all present or all absent.</summary>
    public static IXunitTestCase? SkipIfUnavailable(
        IMessageSink diagnosticMessageSink,
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        bool serverConfigured) =>
        SkipIfUnavailable(
            diagnosticMessageSink, discoveryOptions, testMethod, new PostgreSqlTestServers(serverConfigured, serverConfigured, serverConfigured));

    /// <summary>The same decision for given server states.</summary>
    public static IXunitTestCase? SkipIfUnavailable(
        IMessageSink diagnosticMessageSink,
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        PostgreSqlTestServers available)
    {
        var reason = SkipReason(testMethod.TestClass.Class, available);
        return reason is null
            ? null
            : new XunitSkippedDataRowTestCase(
                diagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                reason);
    }

    /// <summary>Why the tests of the class are skipped with these servers, or null when they run.</summary>
    public static string? SkipReason(ITypeInfo testClass, PostgreSqlTestServers available)
    {
        var pooled = Has<RequiresPostgreSqlPooledAttribute>(testClass);
        var replica = Has<RequiresPostgreSqlReplicaAttribute>(testClass);
        if ((pooled || replica || Has<RequiresPostgreSqlAttribute>(testClass)) && !available.Server)
        {
            return PostgreSqlTestServer.SkipReason;
        }

        if (pooled && !available.Pooler)
        {
            return PostgreSqlTestPooler.SkipReason;
        }

        return replica && !available.Replica ? PostgreSqlTestReplica.SkipReason : null;
    }

    private static bool Has<TAttribute>(ITypeInfo testClass)
        where TAttribute : Attribute =>
        testClass is IReflectionTypeInfo reflected
            ? reflected.Type.IsDefined(typeof(TAttribute), inherit: true)
            : testClass.GetCustomAttributes(typeof(TAttribute)).Any();
}
