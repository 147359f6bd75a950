namespace BookData.Testing;

/// <summary>Where the tests find a PostgreSQL server: <c>BOOKDATA_TEST_POSTGRES</c>, an Npgsql connection string.</summary>
public static class PostgreSqlTestEnvironment
{
    /// <summary>The environment variable: <c>BOOKDATA_TEST_POSTGRES</c>.</summary>
    public const string EnvironmentVariable = "BOOKDATA_TEST_POSTGRES";

    /// <summary>The server's connection string, or <see langword="null"/> when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Why a PostgreSQL test is skipped, or <see langword="null"/> when a server is configured.</summary>
    public static string? SkipReason => ConnectionString is null
        ? $"No PostgreSQL server: set {EnvironmentVariable} to an Npgsql connection string "
            + "(for example Host=127.0.0.1;Port=5432;Username=me;Database=postgres) to run this test."
        : null;
}
