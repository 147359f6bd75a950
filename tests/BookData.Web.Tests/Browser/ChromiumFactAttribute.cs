namespace BookData.Web.Tests.Browser;

/// <summary>A fact that needs a Chromium browser; skipped with the reason when none is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (CI installs Debian's chromium package; set BOOKDATA_CHROMIUM to use another build).";
        }
    }

    /// <summary>The browser: <c>BOOKDATA_CHROMIUM</c> when set, otherwise Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("BOOKDATA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
