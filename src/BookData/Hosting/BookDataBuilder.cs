using Microsoft.Extensions.DependencyInjection;

namespace BookData.Hosting;

/// <summary>The <see cref="IBookDataBuilder"/> handed out by <c>AddBookData</c>.</summary>
internal sealed class BookDataBuilder(IServiceCollection services) : IBookDataBuilder
{
    public IServiceCollection Services { get; } = services;
}
