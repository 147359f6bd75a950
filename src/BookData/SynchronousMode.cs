namespace BookData;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels that BookData allows.</summary>
public enum SynchronousMode
{
    /// <summary>Sync at the most critical moments; safe against process crashes in WAL mode.</summary>
    Normal = 1,

    /// <summary>Sync on every commit; also durable against power loss.</summary>
    Full = 2,
}
