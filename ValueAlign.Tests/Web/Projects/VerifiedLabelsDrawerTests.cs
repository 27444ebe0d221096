using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Annotation.Adjudication;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Benchmarks;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>The benchmark browser's item drawer lists an adjudicated item's verified labels: who, when and from which labels.</summary>
public sealed class VerifiedLabelsDrawerTests : IAsyncLifetime
{
    private AdjudicationScenario _s = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _s = await AdjudicationScenario.CreateAsync(items: 2, overlap: 2);
        await _s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await _s.LabelAsync("b", id => AdjudicationScenario.Answers(id == _s.Items[1] ? "no" : "yes"));
        var item = (await _s.Adjudication.QueueAsync(_s.Project.Id)).Items.Single();
        await _s.Adjudication.DecideAsync(_s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator-9");
        _ctx = ProjectPageContext.Create(_s, Roles.Viewer, "viewer-1", services =>
        {
            services.AddSingleton(new BenchmarkQuery(_s.Db.Factory));
            services.AddSingleton(new VerifiedLabelStore(_s.Db.Factory));
            services.AddSingleton(new MediaFiles(Path.Combine(RepositoryRoot.Path, "data", "media")));
        });
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _s.DisposeAsync();
    }

    [Fact]
    public void Opening_the_decided_item_shows_its_verified_label_with_decider_and_sources()
    {
        var page = _ctx.Render<BenchmarksPage>();
        page.WaitForElement("td[data-item='demo-00002']").Click();
        page.WaitForAssertion(() => Assert.Equal("demo-00002", page.Find("[data-testid=item-details]").GetAttribute("data-external-id")));

        var row = page.Find("[data-testid=verified-label]");
        Assert.Equal(("unanswerable", "no"), (row.GetAttribute("data-question"), row.GetAttribute("data-label")));
        Assert.Contains("Is the question unanswerable from the image?", row.TextContent);
        Assert.Contains("Adjudicated by curator-9", row.QuerySelector("[data-testid=verified-by]")!.TextContent);
        Assert.Contains("2026-11-27 09:00 UTC", row.TextContent);
        var sources = row.QuerySelector("[data-testid=verified-sources]")!.TextContent;
        // A Viewer sees the annotators under their per-project pseudonyms only.
        Assert.Contains($"{LabelDisclosure.Pseudonym(_s.Project.Id, "a")}: Yes", sources);
        Assert.Contains($"{LabelDisclosure.Pseudonym(_s.Project.Id, "b")}: No", sources);
        Assert.DoesNotContain("a: Yes", sources.Replace($"{LabelDisclosure.Pseudonym(_s.Project.Id, "a")}: Yes", ""));
        Assert.Equal($"/projects/{_s.Project.Id}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void An_item_without_decisions_says_it_has_no_verified_labels()
    {
        var page = _ctx.Render<BenchmarksPage>();
        page.WaitForElement("td[data-item='demo-00001']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=no-verified-labels]")));
        Assert.Empty(page.FindAll("[data-testid=verified-label]"));
    }
}
