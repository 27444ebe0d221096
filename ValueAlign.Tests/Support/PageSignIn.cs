using Microsoft.Playwright;

namespace ValueAlign.Tests.Support;

/// <summary>Browser helpers shared by the end-to-end flows.</summary>
public static class PageSignIn
{
    /// <summary>A fresh browser context on the server (its own cookies) and a page in it, 1600×1000.</summary>
    public static async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(this BrowserFixture browser, WorkbenchServer server)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        return (context, await context.NewPageAsync());
    }

    /// <summary>
    /// Signs in through the real form and lands on <paramref name="returnUrl"/> with the Blazor
    /// circuit connected, ready for clicks and keys.
    /// </summary>
    public static async Task SignInAsAsync(this IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit]");
        var path = returnUrl.Split('?')[0];
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new PageWaitForURLOptions { Timeout = 30_000 });
        await page.WaitForCircuitAsync();
    }
}
