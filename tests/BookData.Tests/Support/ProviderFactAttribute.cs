using Xunit.Sdk;

namespace BookData.Tests.Support;

/// <summary>
/// A <see cref="FactAttribute"/> that is skipped with <see cref="PostgreSqlTestServer.SkipReason"/> when the concrete
/// test class carries <see cref="RequiresPostgreSqlAttribute"/> and no PostgreSQL server is configured; an ordinary
/// fact otherwise. Use it in test classes shared between providers (see <see cref="RequiresPostgreSqlAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("BookData.Tests.Support.ProviderFactDiscoverer", "BookData.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProviderFactAttribute : FactAttribute;
