using Microsoft.Playwright;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// The whole first-run path in a real browser: fresh database, create the first admin, land
/// signed in, open the value-system catalogue and the Schwartz page, see the circle drawn.
/// </summary>
public sealed class FirstRunFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_sets_up_the_workbench_and_opens_the_schwartz_circle()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await page.WaitForURLAsync("**/setup");
            await page.FillAsync("input[name=Email]", "admin@example.org");
            await page.FillAsync("input[name=Password]", "first-admin-pw");
            await page.FillAsync("input[name=ConfirmPassword]", "first-admin-pw");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(server.BaseAddress.ToString());
            await page.WaitForCircuitAsync();
            Assert.Equal("admin@example.org", await page.InnerTextAsync("[data-testid=signed-in-as]"));

            await page.ClickAsync("nav >> text=Value systems");
            await page.WaitForURLAsync("**/value-systems");
            await page.ClickAsync("text=Schwartz basic human values (10)");
            await page.WaitForURLAsync("**/value-systems/schwartz-10");
            await page.WaitForSelectorAsync("[data-testid=circle-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
            var labels = await page.Locator("[data-testid=circle-chart] text").AllTextContentsAsync();
            Assert.Contains(labels, l => l.Contains("Universalism"));
            Assert.Contains(labels, l => l.Contains("Power"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("schwartz-10.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("first-run-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
