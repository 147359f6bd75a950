using Xunit.Sdk;

namespace BookData.Tests.Support;

/// <summary>
/// A <see cref="TheoryAttribute"/> that is skipped (as one test) with <see cref="PostgreSqlTestServer.SkipReason"/> when
/// the concrete test class carries <see cref="RequiresPostgreSqlAttribute"/> and no PostgreSQL server is configured;
/// an ordinary theory otherwise.
/// </summary>
[XunitTestCaseDiscoverer("BookData.Tests.Support.ProviderTheoryDiscoverer", "BookData.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProviderTheoryAttribute : TheoryAttribute;
