using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>An annotator signs in and labels three seeded items with the keyboard only; the database then holds exactly those answers and times.</summary>
public sealed class AnnotateFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "annotator@example.org";
    private const string Password = "annotator-password-1";

    [Fact]
    public async Task Annotator_labels_three_items_using_only_the_keyboard()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var project = await server.SeedAsync(new ProjectSeed
        {
            Name = "Honesty check",
            Items = 3,
            Members = [new SeedUser(Email, Password, Roles.Annotator)],
        });
        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            await page.SignInAsAsync(Email, Password, $"/annotate/{project.Id}");
            var item = page.Locator("[data-testid=annotate-item]");
            await item.WaitForAsync();

            // ? shows the keys; Escape closes the dialog. G opens the guidelines.
            await page.Keyboard.PressAsync("?");
            await page.Locator("[data-testid=keys-help-row]").First.WaitForAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("[data-testid=keys-help-row]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            await page.Keyboard.PressAsync("g");
            await page.Locator("[data-testid=guidelines-panel] strong").Filter(new LocatorFilterOptions { HasText = "before" }).WaitForAsync();

            // + enlarges the image; in the overlay + zooms and the arrows pan (and are not taken
            // for question moves); Escape closes it and the page keys work again.
            await page.Locator("[data-testid=annotate-item] img[data-testid=item-image]").WaitForAsync();
            await page.Keyboard.PressAsync("+");
            var zoomed = page.Locator("[data-testid=media-zoom-image]");
            await zoomed.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.getAttribute('data-testid') === 'media-zoom'");
            await page.Keyboard.PressAsync("+");
            await page.Keyboard.PressAsync("ArrowLeft");
            await page.WaitForFunctionAsync(
                "() => document.querySelector('[data-testid=media-zoom-image]').style.transform === 'translate(60px, 0px) scale(1.25)'");
            Assert.Equal("true", await page.GetAttributeAsync("[data-question=unanswerable]", "data-focused"));
            await page.Keyboard.PressAsync("Escape");
            await zoomed.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

            // Per item: the keys pressed, and the answers they must store.
            var plans = new (string[] Keys, string Unanswerable, string Type, string Reason, string[] Flags, string? Comment)[]
            {
                (["1", "2", "1"], "yes", "false-premises", "yes", [], null),
                // Tab reaches the comment box; the letters typed there (u, s, a …) must not undo, skip or flag.
                (["2", "5", "3", "a", "Tab", "type:unclear picture, just guess", "Escape"], "no", "answerable", "unsure", ["ambiguous"], "unclear picture, just guess"),
                (["3", "3", "2", "m", "o", "m"], "unsure", "subjective-or-philosophical", "no", ["offensive"], null),
            };
            var shownItems = new List<long>();
            foreach (var plan in plans)
            {
                var itemId = long.Parse((await item.GetAttributeAsync("data-item-id"))!);
                Assert.DoesNotContain(itemId, shownItems);
                shownItems.Add(itemId);
                foreach (var key in plan.Keys)
                {
                    if (key.StartsWith("type:", StringComparison.Ordinal))
                    {
                        await page.Locator("[data-question=comment] textarea").WaitForAsync();
                        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'");
                        await page.Keyboard.TypeAsync(key["type:".Length..]);
                    }
                    else
                    {
                        await page.Keyboard.PressAsync(key);
                    }
                }
                await page.Locator($"[data-question=reason-correct] [data-value={plan.Reason}][data-chosen=true]").WaitForAsync();
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync(
                    "id => { const el = document.querySelector('[data-testid=annotate-item]'); return el === null || el.getAttribute('data-item-id') !== id; }",
                    itemId.ToString());
            }
            await page.Locator("[data-testid=queue-empty]").WaitForAsync();
            Assert.Contains("You: 3 of 3 item(s) labelled", await page.InnerTextAsync("[data-testid=my-progress-text]"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("annotate-done.png") });

            var stored = await server.AnnotationsAsync(project.Id);
            Assert.Equal(3, stored.Count);
            Assert.Equal(shownItems, stored.Select(s => s.ItemId).ToList());
            for (var i = 0; i < plans.Length; i++)
            {
                var (_, annotation) = stored[i];
                var answers = AnnotationAnswers.FromJson(annotation.AnswersJson);
                Assert.Equal(project.UserIds[Email], annotation.AnnotatorId);
                Assert.Equal([plans[i].Unanswerable], answers.Answers["unanswerable"]);
                Assert.Equal([plans[i].Type], answers.Answers["type"]);
                Assert.Equal([plans[i].Reason], answers.Answers["reason-correct"]);
                Assert.Equal(plans[i].Flags, answers.Flags);
                if (plans[i].Comment is { } comment)
                {
                    Assert.Equal([comment], answers.Answers["comment"]);
                }
                else
                {
                    Assert.False(answers.Answers.ContainsKey("comment"));
                }
                Assert.True(annotation.TimeSpentMs > 0, $"item {i + 1}: no time recorded");
            }
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("annotate-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
