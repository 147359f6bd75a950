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

        // Checked before the provider type is touched: with a BookData of another build, loading that type can
        // fail on its own (a seam member it lacks) with an error that names neither package.
        PackageVersions.ThrowIfMismatched();
        options.ChosenProvider = Provider();
        options.Provider = BookDataProvider.PostgreSql;
        return options;
    }

    /// <summary>Kept out of line, so compiling <see cref="UsePostgreSql"/> never loads the provider type.</summary>
    /// <remarks>It returns the seam's type, not the provider's, so that its signature does not name the provider type either.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
#pragma warning disable CA1859 // The base type is the point: see the remarks.
    private static Providers.CatalogProvider Provider() => PostgreSqlCatalogProvider.Instance;
#pragma warning restore CA1859

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
