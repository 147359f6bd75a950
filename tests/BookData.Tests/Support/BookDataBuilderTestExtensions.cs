using BookData.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BookData.Tests.Support;

/// <summary>Lets a shared test base register BookData for the provider its subclass runs on.</summary>
public static class BookDataBuilderTestExtensions
{
    /// <summary>Calls <c>UsePostgreSql()</c> when <paramref name="provider"/> is PostgreSQL; SQLite needs nothing.</summary>
    public static IBookDataBuilder UsePostgreSqlWhen(this IBookDataBuilder builder, BookDataProvider provider) =>
        provider == BookDataProvider.PostgreSql ? builder.UsePostgreSql() : builder;
}
