using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator saves a benchmark filter, creates a verification project from it with the Honesty
/// template, and finds it in the project list.
/// </summary>
public sealed class ProjectCreationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Curator_creates_a_project_from_a_saved_filter_with_the_honesty_template_and_sees_it_listed()
    {
        await using var server = await WorkbenchServer.StartAsync();
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync("curator@example.org", "curator-password", Roles.Curator)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login?returnUrl=%2Fbenchmarks%3Fbenchmark%3Dmohobench");
            await page.FillAsync("input[name=Email]", "curator@example.org");
            await page.FillAsync("input[name=Password]", "curator-password");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/benchmarks?benchmark=mohobench");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("td[data-item]");

            // Save the browser's current filter.
            await page.ClickAsync("[data-testid=save-filter]");
            await page.FillAsync("[data-testid=save-filter-name] input, input[data-testid=save-filter-name]", "MoHoBench items");
            await page.ClickAsync("[data-testid=save-filter-confirm]");
            await page.WaitForSelectorAsync("[data-testid=save-filter]");

            await page.ClickAsync("nav >> text=Projects");
            await page.WaitForURLAsync("**/projects");
            await page.ClickAsync("[data-testid=new-project]");
            await page.WaitForURLAsync("**/projects/new");
            await page.FillAsync("[data-testid=project-name] input, input[data-testid=project-name]", "Honesty verification");

            await page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { HasText = "Saved filter" }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "MoHoBench items" }).First.ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=filter-match-count]:has-text('item(s) match')");
            await page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { HasText = "Start from template" }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Honesty (MoHoBench)" }).First.ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=schema-question][data-question-key=unanswerable]");
            Assert.True(await page.IsVisibleAsync("[data-testid=schema-valid]"));

            await page.FillAsync("[data-testid=guidelines-markdown] textarea, textarea[data-testid=guidelines-markdown]", "Mark **unanswerable** questions.");
            await page.WaitForSelectorAsync("[data-testid=guidelines-preview] strong:has-text('unanswerable')");

            await page.ClickAsync("[data-testid=save-project]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/projects/\d+$"));
            await page.WaitForSelectorAsync("[data-testid=settings-questions]:has-text('unanswerable, type, reason-correct, comment')");
            Assert.Contains("benchmark=mohobench", await page.InnerTextAsync("[data-testid=settings-filter]"));
            Assert.Equal("unanswerable", await page.InnerTextAsync("[data-testid=guidelines] strong"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("project-overview.png"), FullPage = true });

            await page.ClickAsync("nav >> text=Projects");
            await page.WaitForURLAsync("**/projects");
            var row = page.Locator("[data-testid=project-link]").Filter(new LocatorFilterOptions { HasText = "Honesty verification" });
            await row.WaitForAsync();
            Assert.Contains("0 / ", await page.InnerTextAsync("[data-testid=project-progress]"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("projects.png") });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("projects-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
