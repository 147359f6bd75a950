namespace BookData;

/// <summary>The direction of a report's main ordering. Ties are always broken by name, ascending.</summary>
public enum SortOrder
{
    /// <summary>Smallest first.</summary>
    Ascending = 0,

    /// <summary>Largest first.</summary>
    Descending = 1,
}
