namespace BookData.Reports;

/// <summary>A row of the books-per-author report.</summary>
/// <param name="AuthorId">The author's id.</param>
/// <param name="FirstName">The author's first name; may be empty.</param>
/// <param name="LastName">The author's last name.</param>
/// <param name="TotalBooks">How many books the author wrote.</param>
public sealed record AuthorBookCount(long AuthorId, string FirstName, string LastName, long TotalBooks)
{
    /// <summary>"First Last", or just the last name when there is no first name.</summary>
    public string AuthorName => FirstName.Length == 0 ? LastName : $"{FirstName} {LastName}";
}
