namespace BookData;

/// <summary>What every <see cref="Page{T}"/> tells without its item type: how many items it holds.</summary>
internal interface IPage
{
    /// <summary>The number of items on the page.</summary>
    int ItemCount { get; }
}
