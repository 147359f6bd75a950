using BookData.Web.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BookData.Web.Tests.Security;

public sealed class CatalogProblemsTests
{
    public static TheoryData<Exception, int> Exceptions => new()
    {
        { new BookDataValidationException("title", "The title is required."), 400 },
        { new BookDataNotFoundException("Book 7 does not exist."), 404 },
        { new BookDataDuplicateException("Publisher 'X' already exists."), 409 },
        { new BookDataConflictException("Author 3 still has books."), 409 },
        { new BookDataDatabaseException("Database '/srv/secret.db' is locked: SQLite Error 5."), 503 },
        { new BookDataMigrationException("0002_x.sql", "Script 0002_x.sql failed: no such table."), 503 },
        { new BadHttpRequestException("too big", 413), 413 },
        { new InvalidOperationException("SELECT * FROM secret"), 500 },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void For_Exception_HasItsStatusCode(Exception exception, int status)
    {
        var problem = CatalogProblems.For(exception);

        problem.Status.Should().Be(status);
        CatalogProblems.StatusCodeFor(exception).Should().Be(status);
    }

    [Fact]
    public void For_ValidationOfAuthorNamePart_ReturnsAuthorFieldError()
    {
        var problem = CatalogProblems.For(new BookDataValidationException("last name", "The last name is required and cannot be empty or white space."));

        problem.Should().BeOfType<ValidationProblemDetails>()
            .Which.Errors.Should().ContainKey("author").WhoseValue.Should().Equal("The last name is required and cannot be empty or white space.");
    }

    [Fact]
    public void For_DatabaseAndUnexpectedErrors_HideTheirMessages()
    {
        CatalogProblems.For(new BookDataDatabaseException("Database '/srv/secret.db' is locked.")).Detail.Should().NotContain("secret");
        CatalogProblems.For(new InvalidOperationException("SELECT * FROM secret")).Detail.Should().NotContain("secret");
    }
}
