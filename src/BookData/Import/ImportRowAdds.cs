namespace BookData.Import;

/// <summary>Which entities of a row are new to the catalog and must be inserted before its link.</summary>
[Flags]
internal enum ImportRowAdds
{
    None = 0,
    Author = 1,
    Publisher = 2,
    Book = 4,
}
