using Xunit.Abstractions;
using Xunit.Sdk;

namespace BookData.Tests.Support;

/// <summary>The skip decision shared by the provider-aware fact and theory discoverers.</summary>
internal static class ProviderTestCases
{
    /// <summary>
    /// A skipped test case when the test's concrete class needs PostgreSQL and no server is configured;
    /// <see langword="null"/> when the test should run.
    /// </summary>
    public static IXunitTestCase? SkipIfUnavailable(
        IMessageSink diagnosticMessageSink, ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod) =>
        SkipIfUnavailable(diagnosticMessageSink, discoveryOptions, testMethod, PostgreSqlTestServer.IsConfigured);

    /// <summary>The same decision for a given server state.</summary>
    public static IXunitTestCase? SkipIfUnavailable(
        IMessageSink diagnosticMessageSink,
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        bool serverConfigured)
    {
        if (serverConfigured || !RequiresPostgreSql(testMethod.TestClass.Class))
        {
            return null;
        }

        return new XunitSkippedDataRowTestCase(
            diagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod,
            PostgreSqlTestServer.SkipReason);
    }

    /// <summary>Whether the concrete class (or a base class) carries <see cref="RequiresPostgreSqlAttribute"/>.</summary>
    public static bool RequiresPostgreSql(ITypeInfo testClass) =>
        testClass is IReflectionTypeInfo reflected
            ? reflected.Type.IsDefined(typeof(RequiresPostgreSqlAttribute), inherit: true)
            : testClass.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
}
