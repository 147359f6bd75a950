using BookData.Web.Tests.Support;
using Microsoft.Playwright;

namespace BookData.Web.Tests.Browser;

public sealed class AddBookInBrowserTests(KestrelAppFactory factory) : IClassFixture<KestrelAppFactory>
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    [ChromiumFact]
    public async Task AddBookForm_SignedInEditor_BookIsListedAfterSubmit()
    {
        var address = factory.StartAndGetAddress();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 760 } });

        var failedRequests = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failedRequests.Add($"{response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(new Uri(address, "/books/add").ToString());
        page.Url.Should().Contain("/signin");
        await page.FillAsync("#Key", CatalogAppFactory.EditorKey);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/books/add");
        await page.FillAsync("#Input_Author", "Ursula K. Le Guin");
        await page.FillAsync("#Input_Title", "A Wizard of Earthsea");
        await page.FillAsync("#Input_Publisher", "Parnassus Press");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add the book" }).ClickAsync();
        await page.WaitForURLAsync("**/books?search=*");
        var screenshot = Path.Combine(Artifacts.Folder("screenshots"), "web-add-book.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        (await page.Locator("p.status").InnerTextAsync()).Should().Be("Added “A Wizard of Earthsea” by Ursula K. Le Guin, published by Parnassus Press.");
        var rows = await page.Locator("table tbody tr").AllInnerTextsAsync();
        rows.Should().ContainSingle().Which.Should().Contain("A Wizard of Earthsea").And.Contain("Ursula K. Le Guin");
        (await Catalog.HasTitleAsync(factory, "A Wizard of Earthsea")).Should().BeTrue();
        new FileInfo(screenshot).Length.Should().BePositive();
        failedRequests.Should().BeEmpty("the pages and their stylesheet and icon should all load");
    }
}
