using System.Text.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class AuthorsApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetAuthors_SampleCatalog_ReturnsTreeInCliShapeByLastName()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/authors");

        using var tree = JsonDocument.Parse(json);
        tree.RootElement.EnumerateArray().Select(author => author.GetProperty("lastName").GetString())
            .Should().Equal("Asimov", "Buck", "Clancy", "King", "Le Carre", "Michaelides", "Shaben");
        json.Should().StartWith("""[{"firstName":"Isaac","lastName":"Asimov","books":[{"title":"Foundation","publishers":["Random House"]}]},{"firstName":"Pearl","lastName":"Buck","books":[{"title":"The Good Earth","publishers":["Random House","Simon & Schuster"]}]},""");
        var king = tree.RootElement.EnumerateArray().Single(author => author.GetProperty("lastName").GetString() == "King");
        king.GetProperty("books").EnumerateArray().Select(book => book.GetProperty("title").GetString())
            .Should().Equal("Dead Zone", "It", "The Shining");
        king.GetProperty("books")[1].GetProperty("publishers").EnumerateArray().Select(publisher => publisher.GetString())
            .Should().Equal("Penguin Random House", "Random House");
    }
}
