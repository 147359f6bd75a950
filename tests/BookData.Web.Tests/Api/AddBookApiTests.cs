using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BookData.Authors;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class AddBookApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task PostBooks_WithoutApiKey_Returns401ProblemAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateClient().PostAsJsonAsync("/api/books", Book("No Key Title"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("X-Api-Key");
        (await response.Content.ReadAsStringAsync()).Should().Contain("needs the editor key");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Theory]
    [InlineData("wrong-key-0123456789abcdef")]
    [InlineData("test-editor-key-0123456789abcdeF")]
    [InlineData("test-editor-key-0123456789abcde")]
    public async Task PostBooks_WrongApiKey_Returns401AndWritesNothing(string key)
    {
        var before = await Catalog.CountsAsync(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.PostAsJsonAsync("/api/books", Book("Wrong Key Title"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("does not hold the editor key");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_SignedInCookieWithoutApiKey_Returns401AndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        var before = await Catalog.CountsAsync(factory);

        using var response = await client.PostAsJsonAsync("/api/books", Book("Cookie Only Title"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_NewBookWithRightKey_Returns201WithLocationOfStoredBook()
    {
        var client = factory.CreateEditorClient();

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Ursula K. Le Guin", title = "The Dispossessed", publisher = "Harper & Row" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("outcome").GetString().Should().Be("bookCreated");
        body.RootElement.GetProperty("authorCreated").GetBoolean().Should().BeTrue();
        body.RootElement.GetProperty("publisherCreated").GetBoolean().Should().BeTrue();
        var id = body.RootElement.GetProperty("book").GetProperty("id").GetInt64();
        response.Headers.Location!.ToString().Should().Be($"/api/books/{id}");
        var stored = await client.GetStringAsync(response.Headers.Location);
        stored.Should().Be($$"""{"id":{{id}},"title":"The Dispossessed","author":"Ursula K. Le Guin","publishers":["Harper & Row"]}""");
    }

    [Fact]
    public async Task PostBooks_ExistingBookWithNewPublisher_Returns201PublisherLinked()
    {
        var client = factory.CreateEditorClient();
        using var first = await client.PostAsJsonAsync("/api/books", new { author = "Octavia Butler", title = "Kindred", publisher = "Doubleday" });

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Octavia Butler", title = "Kindred", publisher = "Beacon Press" });

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("outcome").GetString().Should().Be("publisherLinked");
        body.RootElement.GetProperty("book").GetProperty("publishers").EnumerateArray().Select(publisher => publisher.GetString())
            .Should().Equal("Beacon Press", "Doubleday");
    }

    [Fact]
    public async Task PostBooks_EverythingExists_Returns200AlreadyPresentAndChangesNothing()
    {
        var client = factory.CreateEditorClient();
        var before = await Catalog.CountsAsync(factory);

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Stephen King", title = "It", publisher = "Random House" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Location.Should().BeNull();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("outcome").GetString().Should().Be("alreadyPresent");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_MissingAndBlankFields_Returns400WithErrorPerFieldAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", new { author = "  ", title = (string?)null });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name)
            .Should().BeEquivalentTo("author", "title", "publisher");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Theory]
    [InlineData("title", 501)]
    [InlineData("publisher", 201)]
    public async Task PostBooks_FieldTooLong_Returns400NamingTheFieldAndWritesNothing(string field, int length)
    {
        var before = await Catalog.CountsAsync(factory);
        var book = new Dictionary<string, string> { ["author"] = "Long Writer", ["title"] = "Short", ["publisher"] = "Short Press" };
        book[field] = new string('x', length);

        using var response = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", book);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"author\":\"Stephen King\",\"title\":", "body")]
    [InlineData("{\"author\":\"Stephen King", "body")]
    [InlineData("{\"author\":\"Stephen King\",,}", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"author\":\"Stephen King\",\"title\":5,\"publisher\":\"Random House\"}", "title")]
    [InlineData("[\"Stephen King\",\"It\",\"Random House\"]", "body")]
    [InlineData("null", "body")]
    public async Task PostBooks_MalformedJson_Returns400ProblemWithFieldErrorAndWritesNothing(string json, string field)
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Equal(field);
        text.Should().NotContain("System.Text.Json").And.NotContain("   at ");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_FullNameWithTwoWordLastName_UsesTheExistingAuthor()
    {
        var client = factory.CreateEditorClient();
        var authorsBefore = (await Catalog.CountsAsync(factory)).Authors;

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "John Le Carre", title = "The Honourable Schoolboy", publisher = "Berkley" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("authorCreated").GetBoolean().Should().BeFalse();
        body.RootElement.GetProperty("book").GetProperty("author").GetString().Should().Be("John Le Carre");
        (await Catalog.CountsAsync(factory)).Authors.Should().Be(authorsBefore);
        (await new AuthorRepository(factory.OpenDatabase()).FindByNameAsync("John Le", "Carre")).Should().BeNull();
    }

    [Fact]
    public async Task PostBooks_FirstAndLastName_UsesExactlyThatAuthor()
    {
        var client = factory.CreateEditorClient();

        using var response = await client.PostAsJsonAsync("/api/books", new { firstName = "Anne Louise", lastName = "Germaine", title = "Corinne", publisher = "Nicolle" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var author = await new AuthorRepository(factory.OpenDatabase()).FindByNameAsync("Anne Louise", "Germaine");
        author.Should().BeEquivalentTo(new { FirstName = "Anne Louise", LastName = "Germaine" });
    }

    [Fact]
    public async Task PostBooks_FullNameFittingTwoAuthors_Returns409ListingTheCandidatesAndWritesNothing()
    {
        var client = factory.CreateEditorClient();
        using (var early = await client.PostAsJsonAsync("/api/books", new { firstName = "Mary", lastName = "Ann Evans", title = "Adam Bede", publisher = "Blackwood" }))
        using (var late = await client.PostAsJsonAsync("/api/books", new { firstName = "Mary Ann", lastName = "Evans", title = "Romola", publisher = "Smith, Elder" }))
        {
            early.StatusCode.Should().Be(HttpStatusCode.Created);
            late.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var before = await Catalog.CountsAsync(factory);

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Mary Ann Evans", title = "Middlemarch", publisher = "Blackwood" });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().StartWith("The author name 'Mary Ann Evans' matches 2 authors:");
        problem.RootElement.GetProperty("candidates").EnumerateArray()
            .Select(candidate => (candidate.GetProperty("firstName").GetString(), candidate.GetProperty("lastName").GetString()))
            .Should().Equal(("Mary", "Ann Evans"), ("Mary Ann", "Evans"));
        (await Catalog.CountsAsync(factory)).Should().Be(before);
        (await Catalog.HasTitleAsync(factory, "Middlemarch")).Should().BeFalse();
    }

    [Theory]
    [InlineData("{\"author\":\"John Le Carre\",\"lastName\":\"Le Carre\",\"title\":\"T\",\"publisher\":\"P\"}", "author")]
    [InlineData("{\"firstName\":\"John\",\"title\":\"T\",\"publisher\":\"P\"}", "lastName")]
    [InlineData("{\"firstName\":\"John\",\"lastName\":\"Le\\u200BCarre\",\"title\":\"T\",\"publisher\":\"P\"}", "lastName")]
    [InlineData("{\"author\":\"John Le Carre\",\"title\":\"T\",\"publisher\":\"Random\\u200BHouse\"}", "publisher")]
    [InlineData("{\"author\":\"John Le Carre\",\"title\":\"T\\u202E\",\"publisher\":\"P\"}", "title")]
    public async Task PostBooks_AuthorNamedBothWaysOrInvisibleCharacter_Returns400NamingTheFieldAndWritesNothing(string json, string field)
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Equal(field);
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_InvisibleCharacter_ErrorNamesTheCharacterAndItsPosition()
    {
        using var response = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", new { author = "John Le Carre", title = "T", publisher = "Random\u200BHouse" });

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("publisher")[0].GetString()
            .Should().Be("The publisher name contains the invisible format character U+200B at character 7, which is not allowed.");
    }

    [Fact]
    public async Task PostBooks_TitleOf300Emoji_IsAccepted()
    {
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 300));

        using var response = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", new { author = "Emoji Writer", title, publisher = "Emoji Press" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await Catalog.HasTitleAsync(factory, title)).Should().BeTrue();
    }

    [Fact]
    public async Task PostBooks_FormEncodedBody_Returns415AndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["author"] = "Form Poster", ["title"] = "Form Book", ["publisher"] = "Form Press" }));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_BodyOverLimit_Returns413AndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);
        var json = JsonSerializer.Serialize(new { author = "Big Body", title = "Big", publisher = "Big Press", padding = new string('x', 20_000) });

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_HostileText_StoredAndReturnedVerbatim()
    {
        const string title = "Robert'); DROP TABLE book;-- \"quoted\" <b>bold</b> 100% _done_";
        var client = factory.CreateEditorClient();

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Bobby Tables", title, publisher = "O'Reilly" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        using var stored = JsonDocument.Parse(await client.GetStringAsync(response.Headers.Location));
        stored.RootElement.GetProperty("title").GetString().Should().Be(title);
        stored.RootElement.GetProperty("publishers")[0].GetString().Should().Be("O'Reilly");
        (await Catalog.HasTitleAsync(factory, title)).Should().BeTrue();
    }

    [Fact]
    public async Task PostBooks_EmptyJsonBody_Returns400ProblemOnBodyAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new("application/json");

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Equal("body");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Theory]
    [InlineData("null", "The request body must be a JSON object; send {\"author\":\"First Last\",\"title\":\"…\",\"publisher\":\"…\"}.")]
    [InlineData("{\"author\":\"Stephen King\",,}", "The request body is not valid JSON for this request (line 1, byte 26); send {\"author\":\"First Last\",\"title\":\"…\",\"publisher\":\"…\"}.")]
    public async Task PostBooks_UnreadableBody_ErrorSaysWhereAndShowsTheShape(string json, string message)
    {
        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new StringContent(json, Encoding.UTF8, "application/json"));

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("body")[0].GetString().Should().Be(message);
    }

    [Fact]
    public async Task PostBooks_Utf16JsonWithCharset_Returns201()
    {
        var json = JsonSerializer.Serialize(new { author = "Utf Sixteen", title = "Wide Characters \u00E9", publisher = "Encoding Press" });

        using var response = await factory.CreateEditorClient().PostAsync("/api/books", new StringContent(json, Encoding.Unicode, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await Catalog.HasTitleAsync(factory, "Wide Characters \u00E9")).Should().BeTrue();
    }

    [Fact]
    public async Task PostBooks_PlainTextBody_Returns415ProblemSayingToSendJsonAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsync("/api/books",
            new StringContent("{\"author\":\"Text Poster\",\"title\":\"Text\",\"publisher\":\"Text Press\"}", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("Content-Type: application/json");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    [Fact]
    public async Task PostBooks_BlankFirstNameOnly_Returns400OnLastNameAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var response = await factory.CreateEditorClient().PostAsJsonAsync("/api/books", new { firstName = " ", title = "T", publisher = "P" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("lastName")[0].GetString()
            .Should().Be("The last name is required and cannot be empty or white space.");
        problem.RootElement.GetProperty("errors").EnumerateObject().Should().ContainSingle();
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }

    private static object Book(string title) => new { author = "Test Author", title, publisher = "Test Press" };
}
