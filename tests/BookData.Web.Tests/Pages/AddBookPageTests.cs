using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
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
    public async Task PostAddBook_ExistingBookWithNewPublisherThenAgain_SaysItWasLinkedThenAlreadyThereInTheStoredSpelling()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        using (var added = await FormPost.PostAsync(client, "/books/add", Form("Ada Palmer", "Too Like the Lightning", "Tor")))
        {
            (await added.Content.ReadAsStringAsync()).Should().Contain("Added “Too Like the Lightning” by Ada Palmer, published by Tor.");
        }

        var before = await Catalog.CountsAsync(factory);

        using var linked = await FormPost.PostAsync(client, "/books/add", Form("ada  palmer", "TOO LIKE THE LIGHTNING", "Tor UK"));
        var linkedHtml = await linked.Content.ReadAsStringAsync();
        var afterLink = await Catalog.CountsAsync(factory);
        using var again = await FormPost.PostAsync(client, "/books/add", Form("Ada Palmer", "too like the lightning", "tor uk"));

        linkedHtml.Should().Contain("“Too Like the Lightning” by Ada Palmer is now also listed under Tor UK.");
        (await again.Content.ReadAsStringAsync()).Should().Contain("“Too Like the Lightning” by Ada Palmer, published by Tor UK, was already in the catalog.");
        afterLink.Should().Be(before with { Publishers = before.Publishers + 1, BookPublisherLinks = before.BookPublisherLinks + 1, AuthorPublisherPairs = before.AuthorPublisherPairs + 1 });
        (await Catalog.CountsAsync(factory)).Should().Be(afterLink);
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
        foreach (var (field, label) in new[] { ("Author", "author"), ("Title", "title"), ("Publisher", "publisher") })
        {
            html.Should().MatchRegex($"data-valmsg-for=\"Input.{field}\"[^>]*>The {label} is required and cannot be empty or white space.</span>");
        }

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

    /// <summary>
    /// The form and <c>POST /api/books</c> apply one rule to the author's name, title and publisher: the same bad
    /// input gets the same message, shown beside the field the API names, and nothing is written. (A form field left
    /// blank is a missing one, as the model binder reads it; the API tells a blank field from a missing one.)
    /// </summary>
    [Theory]
    [InlineData("John Le Carre", null, "Le Carre", "T", "P", "author")]
    [InlineData("John Le Carre", "John", null, "T", "P", "author")]
    [InlineData(null, "John", null, "T", "P", "lastName")]
    [InlineData(" ", null, null, "T", "P", "author")]
    [InlineData("Ann Writer", null, null, " ", "P", "title")]
    [InlineData("Ann Writer", null, null, "T", " ", "publisher")]
    public async Task PostAddBook_SameBadInputAsTheApi_ShowsTheApisMessageBesideTheSameFieldAndWritesNothing(
        string? author, string? firstName, string? lastName, string title, string publisher, string field)
    {
        var fields = new Dictionary<string, string?>
        {
            ["author"] = author, ["firstName"] = firstName, ["lastName"] = lastName, ["title"] = title, ["publisher"] = publisher,
        }.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!);
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var api = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", fields);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(error => error.Name).Should().Equal(field);
        var message = errors.GetProperty(field)[0].GetString()!;
        using var response = await FormPost.PostAsync(
            client, "/books/add", fields.ToDictionary(pair => "Input." + char.ToUpperInvariant(pair.Key[0]) + pair.Key[1..], pair => pair.Value));

        var html = await response.Content.ReadAsStringAsync();
        var formField = "Input." + char.ToUpperInvariant(field[0]) + field[1..];
        html.Should().MatchRegex($"data-valmsg-for=\"{Regex.Escape(formField)}\"[^>]*>{Regex.Escape(HtmlEncoder.Default.Encode(message))}</span>");
        Regex.Count(html, "field-validation-error").Should().Be(1, "only the field the API names is in error");
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
