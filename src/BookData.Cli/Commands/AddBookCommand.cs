using System.CommandLine;
using BookData.Books;
using BookData.Cli.Hosting;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata add-book --author "First Last" --title T --publisher P</c>.</summary>
internal static class AddBookCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var author = new Option<string>("--author")
        {
            Description = "The author's full name, \"First Last\"; the last word is the last name.",
            Required = true,
        };
        var title = new Option<string>("--title") { Description = "The book's title.", Required = true };
        var publisher = new Option<string>("--publisher") { Description = "The publisher's name.", Required = true };
        var command = new Command(
            "add-book",
            """
            Adds a book: creates the author and the publisher if they are new, links the publisher if the book exists, does nothing if all of it exists.
            Example: bookdata add-book --author "Stephen King" --title "The Stand" --publisher "Random House"
            """)
        {
            author,
            title,
            publisher,
        };

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var result = await new BookRepository(context.Connections).AddBookAsync(
                context.ParseResult.GetRequiredValue(author),
                context.ParseResult.GetRequiredValue(title),
                context.ParseResult.GetRequiredValue(publisher),
                cancellationToken).ConfigureAwait(false);
            context.Console.Output.WriteLine(Describe(result));
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>Says in one sentence what adding the book did.</summary>
    /// <param name="result">What the repository reported.</param>
    /// <returns>The sentence.</returns>
    public static string Describe(AddBookResult result)
    {
        var author = result.Author.FirstName.Length == 0 ? result.Author.LastName : $"{result.Author.FirstName} {result.Author.LastName}";
        var book = $"\"{result.Book.Title}\" by {author}";
        var created = (result.AuthorCreated, result.PublisherCreated) switch
        {
            (true, true) => " (new author, new publisher)",
            (true, false) => " (new author)",
            (false, true) => " (new publisher)",
            _ => "",
        };
        return result.Outcome switch
        {
            AddBookOutcome.BookCreated => $"Added {book}, published by {result.Publisher.Name}{created}.",
            AddBookOutcome.PublisherLinked => $"{book} was already in the catalog; linked it to {result.Publisher.Name}{created}.",
            _ => $"Nothing to add: {book} is already published by {result.Publisher.Name}.",
        };
    }
}
