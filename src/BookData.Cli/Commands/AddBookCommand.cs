using System.CommandLine;
using BookData.Authors;
using BookData.Books;
using BookData.Cli.Hosting;

namespace BookData.Cli.Commands;

/// <summary><c>bookdata add-book (--author "First Last" | --first-name F --last-name L) --title T --publisher P</c>.</summary>
internal static class AddBookCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the action.</param>
    /// <returns>The command.</returns>
    public static Command Create(CommandRunner runner)
    {
        var author = new Option<string>("--author")
        {
            Description = "The author's full name, \"First Last\". An existing author whose first and last name together read so is used "
                + "(\"John Le Carre\" finds John / Le Carre); otherwise a new author is made, the last word being the last name.",
        };
        var firstName = new Option<string>("--first-name")
        {
            Description = "The author's exact first name, with --last-name, instead of --author.",
        };
        var lastName = new Option<string>("--last-name")
        {
            Description = "The author's exact last name, instead of --author; alone for an author known by one name.",
        };
        var title = new Option<string>("--title") { Description = "The book's title.", Required = true };
        var publisher = new Option<string>("--publisher") { Description = "The publisher's name.", Required = true };
        var command = new Command(
            "add-book",
            """
            Adds a book: creates the author and the publisher if they are new, links the publisher if the book exists, does nothing if all of it exists.
            Name the author with --author "First Last", or exactly with --last-name and, unless the author has one name only, --first-name.
            A full name that fits several authors (A / B C and A B / C for "A B C") is refused with exit code 2, listing them; name one exactly.
            Names and titles are trimmed, inner white space collapsed, and limited to 100 (names), 200 (publishers) and 500 (titles) characters;
            control characters and invisible ones (zero-width spaces and joiners, bidirectional controls, variation selectors) are refused.
            Example: bookdata add-book --author "Stephen King" --title "The Stand" --publisher "Random House"
                     bookdata add-book --first-name John --last-name "Le Carre" --title "Smiley's People" --publisher Knopf
            """)
        {
            author,
            firstName,
            lastName,
            title,
            publisher,
        };
        command.Validators.Add(result =>
        {
            var hasAuthor = result.GetResult(author) is not null;
            var hasFirst = result.GetResult(firstName) is not null;
            var hasLast = result.GetResult(lastName) is not null;
            if (hasAuthor && (hasFirst || hasLast))
            {
                result.AddError("Name the author either with --author or with --first-name and --last-name, not both.");
            }
            else if (hasFirst && !hasLast)
            {
                result.AddError("--first-name needs --last-name.");
            }
            else if (!hasAuthor && !hasLast)
            {
                result.AddError("Name the author with --author \"First Last\", or with --first-name and --last-name.");
            }
        });

        runner.SetAction(command, DatabaseUse.MigrateFirst, async (context, cancellationToken) =>
        {
            var parsed = context.ParseResult;
            var name = parsed.GetResult(author) is not null
                ? AuthorName.FromFullName(parsed.GetValue(author))
                : AuthorName.Create(parsed.GetValue(firstName) ?? string.Empty, parsed.GetValue(lastName));
            AddBookResult result;
            try
            {
                result = await new BookRepository(context.Connections).AddBookAsync(
                    name,
                    parsed.GetRequiredValue(title),
                    parsed.GetRequiredValue(publisher),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BookDataAmbiguousAuthorException ex)
            {
                var listed = string.Join(
                    "; ",
                    ex.Candidates.Select(candidate => candidate.FirstName.Length == 0
                        ? $"--last-name \"{candidate.LastName}\""
                        : $"--first-name \"{candidate.FirstName}\" --last-name \"{candidate.LastName}\""));
                throw new CliInputException($"The author name '{ex.FullName}' fits {ex.Candidates.Count} authors; name one exactly: {listed}.", ex);
            }

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
