using Xunit;

namespace BookData.Testing;

/// <summary>A theory that needs a PostgreSQL server; skipped, with the reason, when <c>BOOKDATA_TEST_POSTGRES</c> is not set.</summary>
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PostgreSqlTheoryAttribute()
    {
        Skip = PostgreSqlTestEnvironment.SkipReason;
    }
}
