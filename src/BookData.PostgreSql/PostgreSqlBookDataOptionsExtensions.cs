using BookData.Connections;
using BookData.PostgreSql;

namespace BookData;

/// <summary>
/// Chooses PostgreSQL for a BookData catalog configured in code, as EF Core's <c>UseNpgsql</c> does:
/// <c>new BookDataConnectionFactory(new BookDataOptions { ConnectionString = "Host=...;Database=..." }.UsePostgreSql())</c>.
/// </summary>
public static class PostgreSqlBookDataOptionsExtensions
{
    /// <summary>
    /// Makes the options select PostgreSQL through this package: sets <see cref="BookDataOptions.Provider"/> to
    /// <see cref="BookDataProvider.PostgreSql"/>; <see cref="BookDataOptions.ConnectionString"/> is then an Npgsql
    /// connection string, for example <c>Host=db.example.com;Database=catalog;Username=app;Password=secret</c>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same options, for <c>new BookDataConnectionFactory(options)</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The loaded BookData assembly is not the version this package was built with.</exception>
    public static BookDataOptions UsePostgreSql(this BookDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ChosenProvider = PostgreSqlCatalogProvider.Instance;
        options.Provider = BookDataProvider.PostgreSql;
        return options;
    }

    /// <summary>
    /// Calls <see cref="UsePostgreSql(BookDataOptions)"/> when the options ask for PostgreSQL: when
    /// <see cref="BookDataOptions.Provider"/> is <see cref="BookDataProvider.PostgreSql"/>, or is unset and the
    /// connection string has a <c>Host</c> or <c>Server</c> key. For applications that accept either kind of
    /// connection string, as the <c>bookdata</c> tool does; others call <see cref="UsePostgreSql(BookDataOptions)"/>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The loaded BookData assembly is not the version this package was built with.</exception>
    public static BookDataOptions UsePostgreSqlWhenRequested(this BookDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var requested = options.Provider == BookDataProvider.PostgreSql
            || (options.Provider is null && ConnectionStrings.LooksLikePostgreSql(options.ConnectionString));
        return requested ? options.UsePostgreSql() : options;
    }
}
