using BookData.Publishers;
using BookData.Reports;

namespace BookData.Benchmarks.EfCore;

/// <summary>Folds the ordered flat hierarchy rows into nested records, one author at a time.</summary>
public sealed class HierarchyFolder
{
    private readonly List<AuthorWithBooks> authors = [];
    private readonly List<BookWithPublishers> books = [];
    private readonly List<Publisher> publishers = [];
    private HierarchyRow? author;
    private HierarchyRow? book;

    public void Add(HierarchyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (author is null || author.AuthorId != row.AuthorId)
        {
            FlushAuthor();
            author = row;
        }

        if (row.BookId is null)
        {
            return;
        }

        if (book is null || book.BookId != row.BookId)
        {
            FlushBook();
            book = row;
        }

        if (row.PublisherId is { } publisherId)
        {
            publishers.Add(new Publisher(publisherId, row.PublisherName!));
        }
    }

    public IReadOnlyList<AuthorWithBooks> Finish()
    {
        FlushAuthor();
        return authors;
    }

    private void FlushAuthor()
    {
        FlushBook();
        if (author is not null)
        {
            authors.Add(new AuthorWithBooks(author.AuthorId, author.FirstName, author.LastName, books.ToArray()));
            books.Clear();
            author = null;
        }
    }

    private void FlushBook()
    {
        if (book is not null)
        {
            books.Add(new BookWithPublishers(book.BookId!.Value, book.Title!, publishers.ToArray()));
            publishers.Clear();
            book = null;
        }
    }
}
