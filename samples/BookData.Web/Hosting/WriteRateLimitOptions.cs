namespace BookData.Web.Hosting;

/// <summary>
/// The limit on writes (every POST: the API, the add-book form, the sign-in page) per client IP address,
/// as a fixed window. Reads are never limited. Configured under <c>BookData:WriteRateLimit</c>.
/// </summary>
public sealed class WriteRateLimitOptions
{
    /// <summary>Writes allowed per client in each window. Default: 30. Zero turns the limit off.</summary>
    public int PermitLimit { get; set; } = 30;

    /// <summary>The window's length. Default: one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Writes over the limit that wait for the next window instead of being refused with 429. Default: 0.</summary>
    public int QueueLimit { get; set; }
}
