namespace BookData.Files;

/// <summary>What a path names, after following symbolic links.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A FIFO, a character or block device, or a socket.</summary>
    Special,
}
