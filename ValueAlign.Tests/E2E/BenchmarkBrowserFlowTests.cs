using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>A viewer filters the seeded demo library by country, opens an MMA-ASIA item and sees its image and aligned variants.</summary>
public sealed class BenchmarkBrowserFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Viewer_filters_by_country_opens_an_aligned_item_and_sees_its_image_and_variants()
    {
        await using var server = await WorkbenchServer.StartAsync();
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync("viewer@example.org", "viewer-password", Roles.Viewer)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login?returnUrl=%2Fbenchmarks");
            await page.FillAsync("input[name=Email]", "viewer@example.org");
            await page.FillAsync("input[name=Password]", "viewer-password");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/benchmarks");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("td[data-item]");
            var unfiltered = await page.InnerTextAsync("[data-testid=total-count]");

            await page.Locator("[data-testid=filters] .mud-input-control").Filter(new LocatorFilterOptions { HasText = "Country" }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Japan" }).First.ClickAsync();
            await page.WaitForURLAsync("**/benchmarks?country=Japan");
            await page.WaitForFunctionAsync(
                "before => document.querySelector('[data-testid=total-count]').innerText !== before", unfiltered);
            await page.WaitForSelectorAsync("td[data-item='demo-jp-001-en-image']");
            var total = await page.InnerTextAsync("[data-testid=total-count]");
            Assert.Equal(0, await page.Locator("td[data-item]").CountAsync() - await page.Locator("tr:has(td[data-item]):has-text('Japan')").CountAsync());

            await page.ClickAsync("td[data-item='demo-jp-001-en-image']");
            await page.WaitForSelectorAsync("[data-testid=item-details][data-external-id='demo-jp-001-en-image']");
            await page.WaitForFunctionAsync(
                "() => { const img = document.querySelector('[data-testid=item-details] > div > img[data-testid=item-image]'); return img !== null && img.complete && img.naturalWidth > 0; }",
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            Assert.True(await page.IsVisibleAsync("[data-testid=aligned-variant][data-external-id='demo-jp-001-ja-image']"));
            Assert.Contains("手と口をすすぐ", await page.InnerTextAsync("[data-testid=aligned-variant][data-external-id='demo-jp-001-ja-image'] [data-testid=answer-option]"));
            Assert.Contains("country=Japan", page.Url);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("benchmarks.png") });

            await page.Keyboard.PressAsync("Escape");
            await page.WaitForSelectorAsync("[data-testid=item-drawer]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });

            // The filter lives in the URL: a reload shows the same items.
            await page.ReloadAsync();
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("td[data-item='demo-jp-001-en-image']");
            Assert.Equal(total, await page.InnerTextAsync("[data-testid=total-count]"));

            // Export downloads the filtered set.
            await page.ClickAsync("[data-testid=export-menu] button, button[data-testid=export-menu]");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-csv]"));
            Assert.EndsWith(".csv", download.SuggestedFilename);
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("demo-jp-001-ja-image", csv);
            Assert.DoesNotContain("touche23", csv);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("benchmarks-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
