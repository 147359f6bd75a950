using System.Text.RegularExpressions;

namespace BookData.Web.Tests.Support;

/// <summary>Submits a page's form the way a browser does: reads the antiforgery token from the page, then posts.</summary>
public static partial class FormPost
{
    public const string TokenField = "__RequestVerificationToken";

    public static async Task<string> ReadTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenInput().Match(html);
        match.Success.Should().BeTrue($"the page {pageUrl} should carry an antiforgery token");
        return match.Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields)
    {
        var token = await ReadTokenAsync(client, pageUrl);
        var values = new Dictionary<string, string>(fields) { [TokenField] = token };
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(values));
    }

    public static async Task SignInAsync(HttpClient client, string key = CatalogAppFactory.EditorKey)
    {
        using var response = await PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = key });
        response.IsSuccessStatusCode.Should().BeTrue("signing in with the editor key should succeed");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
