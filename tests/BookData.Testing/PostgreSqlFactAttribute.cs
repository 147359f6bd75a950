using Xunit;

namespace BookData.Testing;

/// <summary>A fact that needs a PostgreSQL server; skipped, with the reason, when <c>BOOKDATA_TEST_POSTGRES</c> is not set.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PostgreSqlFactAttribute()
    {
        Skip = PostgreSqlTestEnvironment.SkipReason;
    }
}
