using System.Net;
using System.Net.Http.Json;
using BookData.Authors;
using BookData.Books;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class AddBookPageTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task PostAddBook_SignedIn_AddsBookAndShowsItInTheListing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);

        using var response = await FormPost.PostAsync(client, "/books/add", Form("Mary Shelley", "Frankenstein", "Lackington"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.PathAndQuery.Should().Be("/books?search=Frankenstein");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Added “Frankenstein” by Mary Shelley, published by Lackington.");
        html.Should().Contain("<cite>Frankenstein</cite></td><td>Mary Shelley</td>");
        (await Catalog.HasTitleAsync(factory, "Frankenstein")).Should().BeTrue();
    }

    [Fact]
    public async Task PostAddBook_EmptyFields_ShowsAMessageBesideEachFieldAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var response = await FormPost.PostAsync(client, "/books/add", Form("", " ", ""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Enter the author&#x27;s name, for example Stephen King.")
            .And.Contain("Enter the book&#x27;s title.")
            .And.Contain("Enter the publisher&#x27;s name.");
        html.Should().Contain("data-valmsg-for=\"Input.Author\"").And.Contain("field-validation-error");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_ControlCharacterInTitle_ShowsLibraryMessageBesideTitleAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var response = await FormPost.PostAsync(client, "/books/add", Form("Bad Title", "Bell\u0007Book", "Noise Press"));

        var html = await response.Content.ReadAsStringAsync();
        html.Should().MatchRegex("data-valmsg-for=\"Input.Title\"[^>]*>The title contains the control character U&#x2B;0007");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_FirstAndLastName_AddsUnderExactlyThatAuthor()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var form = Form("", "Smiley's People", "Knopf");
        form["Input.FirstName"] = "John";
        form["Input.LastName"] = "Le Carre";
        var authorsBefore = (await Catalog.CountsAsync(factory)).Authors;

        using var response = await FormPost.PostAsync(client, "/books/add", form);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Added “Smiley&#x27;s People” by John Le Carre, published by Knopf.");
        (await Catalog.CountsAsync(factory)).Authors.Should().Be(authorsBefore);
    }

    [Fact]
    public async Task PostAddBook_FullNameFittingTwoAuthors_ListsThemBesideAuthorAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var books = new BookRepository(factory.OpenDatabase());
        await books.AddBookAsync(AuthorName.Create("Jean", "Paul Sartre"), "Nausea", "Gallimard");
        await books.AddBookAsync(AuthorName.Create("Jean Paul", "Sartre"), "The Wall", "Gallimard");
        var before = await Catalog.CountsAsync(factory);

        using var response = await FormPost.PostAsync(client, "/books/add", Form("Jean Paul Sartre", "No Exit", "Gallimard"));

        var html = await response.Content.ReadAsStringAsync();
        html.Should().MatchRegex("data-valmsg-for=\"Input.Author\"[^>]*>“Jean Paul Sartre” fits 2 authors: first name “Jean”, last name “Paul Sartre”; first name “Jean Paul”, last name “Sartre”");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_AuthorNamedBothWays_ShowsAMessageAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var form = Form("John Le Carre", "Smiley's People", "Knopf");
        form["Input.LastName"] = "Le Carre";
        var before = await Catalog.CountsAsync(factory);

        using var response = await FormPost.PostAsync(client, "/books/add", form);

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Name the author either by full name or by first and last name, not both.");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_ZeroWidthSpaceInPublisher_ShowsLibraryMessageBesidePublisherAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var response = await FormPost.PostAsync(client, "/books/add", Form("Stephen King", "Carrie", "Random\u200BHouse"));

        var html = await response.Content.ReadAsStringAsync();
        html.Should().MatchRegex("data-valmsg-for=\"Input.Publisher\"[^>]*>The publisher name contains the invisible format character U&#x2B;200B at character 7");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_WithoutAntiforgeryToken_Returns400AndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var response = await client.PostAsync("/books/add", new FormUrlEncodedContent(Form("Forged Post", "Forged Book", "Forgery Press")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostAddBook_NotSignedIn_RedirectsToSignInAndWritesNothing()
    {
        var client = factory.CreateNonRedirectingClient();
        var before = await Catalog.CountsAsync(factory);
        var token = await FormPost.ReadTokenAsync(client, "/signin");
        var form = new Dictionary<string, string>(Form("Anonymous Poster", "Anonymous Book", "Nobody Press")) { [FormPost.TokenField] = token };

        using var response = await client.PostAsync("/books/add", new FormUrlEncodedContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task GetPages_ScriptTitle_RenderedAsEscapedText()
    {
        const string title = "<script>alert(1)</script>";
        using var added = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", new { author = "Eve <img src=x onerror=alert(2)>", title, publisher = "\"><script>alert(3)</script>" });
        added.StatusCode.Should().Be(HttpStatusCode.Created);
        var client = factory.CreateClient();

        foreach (var path in new[] { "/", "/authors", "/publishers", "/books?search=script" })
        {
            var html = await client.GetStringAsync(path);

            html.Should().NotContain("<script", $"{path} must encode stored text");
            html.Should().NotContain("<img src=x", $"{path} must encode stored text");
        }

        (await client.GetStringAsync("/books?search=script")).Should().Contain("<cite>&lt;script&gt;alert(1)&lt;/script&gt;</cite>");
        (await client.GetStringAsync("/authors")).Should().Contain("&lt;img src=x onerror=alert(2)&gt;");
    }

    private static Dictionary<string, string> Form(string author, string title, string publisher) => new()
    {
        ["Input.Author"] = author,
        ["Input.Title"] = title,
        ["Input.Publisher"] = publisher,
    };
}
