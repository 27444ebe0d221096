using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator creates an objective with the keyboard only (slider arrows, number field arrows, a
/// typed value), saves it, reloads and sees version 1, changes one priority and saves version 2.
/// </summary>
public sealed class ObjectivesFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "curator@example.org";
    private const string Password = "curator-password";

    private static ILocator Row(IPage page, string dimension) => page.Locator($"tr[data-testid=priority-row][data-dimension={dimension}]");

    private static Task WaitForPriorityAsync(IPage page, string dimension, int priority) =>
        page.WaitForSelectorAsync($"tr[data-testid=priority-row][data-dimension={dimension}][data-priority='{priority}']");

    [Fact]
    public async Task Curator_creates_an_objective_with_the_keyboard_saves_reloads_and_saves_a_second_version()
    {
        await using var server = await WorkbenchServer.StartAsync();
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(Email, Password, Roles.Curator)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login?returnUrl=%2Fobjectives%2Fnew");
            await page.FillAsync("input[name=Email]", Email);
            await page.FillAsync("input[name=Password]", Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/objectives/new");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("tr[data-testid=priority-row][data-dimension=power]");

            await page.FillAsync("[data-testid=objective-name] input, input[data-testid=objective-name]", "Caring town");

            // Slider: focus it and press the right arrow twice (3 → 5); the number field follows.
            await Row(page, "power").Locator("input[type=range]").FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await WaitForPriorityAsync(page, "power", 5);
            Assert.Equal("5", await Row(page, "power").Locator("td:nth-child(3) input").InputValueAsync());

            // Number field: the up arrow (3 → 4) and a typed value confirmed with Tab.
            await Row(page, "benevolence").Locator("td:nth-child(3) input").FocusAsync();
            await page.Keyboard.PressAsync("ArrowUp");
            await WaitForPriorityAsync(page, "benevolence", 4);
            var universalism = Row(page, "universalism").Locator("td:nth-child(3) input");
            await universalism.FocusAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("1");
            await page.Keyboard.PressAsync("Tab");
            await WaitForPriorityAsync(page, "universalism", 1);
            Assert.Equal("1", await Row(page, "universalism").Locator("input[type=range]").InputValueAsync());

            // Power and benevolence oppose each other and are both high: the theory's warning shows.
            await page.WaitForSelectorAsync("[data-testid=objective-warning][data-a=power][data-b=benevolence]");
            Assert.Equal("3,3,3,3,5,3,3,3,4,1", await page.GetAttributeAsync("[data-testid=objective-chart]", "data-values"));

            await page.ClickAsync("[data-testid=save-objective]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/objectives/\\d+$"));
            await page.WaitForSelectorAsync("[data-testid=current-version][data-version='1']");

            await page.ReloadAsync();
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("[data-testid=current-version][data-version='1']");
            await WaitForPriorityAsync(page, "power", 5);
            await WaitForPriorityAsync(page, "universalism", 1);
            Assert.Equal("Caring town", await page.InputValueAsync("[data-testid=objective-name] input, input[data-testid=objective-name]"));
            Assert.Equal(1, await page.Locator("[data-testid=version-row]").CountAsync());

            await Row(page, "power").Locator("input[type=range]").FocusAsync();
            await page.Keyboard.PressAsync("ArrowLeft");
            await WaitForPriorityAsync(page, "power", 4);
            await page.WaitForSelectorAsync("[data-testid=unsaved]");
            await page.ClickAsync("[data-testid=save-objective]");
            await page.WaitForSelectorAsync("[data-testid=current-version][data-version='2']");
            Assert.Equal(2, await page.Locator("[data-testid=version-row]").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("objectives.png"), FullPage = true });

            await page.GotoAsync("/objectives");
            await page.WaitForSelectorAsync("[data-testid=objective-row][data-version='2']");
            Assert.Contains("Caring town", await page.InnerTextAsync("[data-testid=objectives-table]"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
