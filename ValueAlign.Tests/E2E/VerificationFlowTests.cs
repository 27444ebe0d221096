using System.Text.Json;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// Issue 5's whole flow in a real browser: an annotator labels three items with the keyboard; a
/// second annotator disagrees on one; the curator adjudicates it on the adjudication page; the
/// library export carries the verified label with the curator as decider.
/// </summary>
public sealed class VerificationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "flow-password-1";
    private const string First = "first@example.org";
    private const string Second = "second@example.org";
    private const string Curator = "curator@example.org";

    [Fact]
    public async Task Two_annotators_label_by_keyboard_the_curator_adjudicates_the_split_and_the_export_has_the_verified_label()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var project = await server.SeedAsync(new ProjectSeed
        {
            Name = "Verification flow",
            Items = 3,
            Overlap = 2,
            Members =
            [
                new SeedUser(First, Password, Roles.Annotator),
                new SeedUser(Second, Password, Roles.Annotator),
                new SeedUser(Curator, Password, Roles.Curator),
            ],
        });

        // 1 = yes (unanswerable), 2 = false premises, 1 = reason correct; the second annotator
        // answers "no" (key 2) on the first unanswerable question they see.
        await LabelAllAsync(First, _ => ["1", "2", "1"]);
        long? disputed = null;
        await LabelAllAsync(Second, itemId =>
        {
            disputed ??= itemId;
            return itemId == disputed ? ["2", "2", "1"] : ["1", "2", "1"];
        });
        Assert.NotNull(disputed);

        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            await page.SignInAsAsync(Curator, Password, $"/projects/{project.Id}/adjudication");
            var item = page.Locator("[data-testid=adjudication-item]");
            await item.WaitForAsync();
            Assert.Equal(1, await item.CountAsync());
            await page.ClickAsync("[data-testid=adjudication-text]");
            await page.Keyboard.PressAsync("2");
            await page.WaitForSelectorAsync("[data-question=unanswerable] [data-testid=choice][data-value=no][data-chosen=true]");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=queue-empty]");

            var export = await context.APIRequest.GetAsync($"/benchmarks/export?format=jsonl&benchmark={project.Benchmark}");
            Assert.Equal(200, export.Status);
            var rows = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, rows.Count);
            var decided = rows.Where(r => r.TryGetProperty("verified_labels", out var v) && v.ValueKind == JsonValueKind.Array
                    && v.EnumerateArray().Any(l => l.GetProperty("question").GetString() == "unanswerable" && l.GetProperty("decided_by").GetString() == Curator))
                .ToList();
            var verified = Assert.Single(decided).GetProperty("verified_labels").EnumerateArray().Single(l => l.GetProperty("question").GetString() == "unanswerable");
            Assert.Equal("no", verified.GetProperty("label").GetString());
            Assert.Equal(2, verified.GetProperty("sources").GetArrayLength());
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("verification-flow-failure.png"), FullPage = true });
            await File.WriteAllTextAsync(BrowserFixture.ArtifactPath("verification-flow-server.log"), server.Log);
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }

        async Task LabelAllAsync(string email, Func<long, string[]> keysFor)
        {
            var (annotatorContext, annotatorPage) = await browser.NewPageAsync(server);
            try
            {
                await annotatorPage.SignInAsAsync(email, Password, $"/annotate/{project.Id}");
                var shown = annotatorPage.Locator("[data-testid=annotate-item]");
                for (var n = 0; n < 3; n++)
                {
                    await shown.WaitForAsync();
                    var itemId = long.Parse((await shown.GetAttributeAsync("data-item-id"))!);
                    foreach (var key in keysFor(itemId))
                        await annotatorPage.Keyboard.PressAsync(key);
                    await annotatorPage.Locator("[data-question=reason-correct] [data-value=yes][data-chosen=true]").WaitForAsync();
                    await annotatorPage.Keyboard.PressAsync("Enter");
                    await annotatorPage.WaitForFunctionAsync(
                        "id => { const el = document.querySelector('[data-testid=annotate-item]'); return el === null || el.getAttribute('data-item-id') !== id; }",
                        itemId.ToString());
                }
                await annotatorPage.Locator("[data-testid=queue-empty]").WaitForAsync();
            }
            finally
            {
                await annotatorContext.CloseAsync();
            }
        }
    }
}
