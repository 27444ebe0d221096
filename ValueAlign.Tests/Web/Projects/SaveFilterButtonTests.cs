using Bunit;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Web.Components.Pages.Benchmarks;

namespace ValueAlign.Tests.Web.Projects;

/// <summary>"Save filter" on the Benchmarks page: curators save the current filter; other roles are refused.</summary>
public sealed class SaveFilterButtonTests : IAsyncLifetime
{
    private ProjectPagesContext _ctx = default!;
    private static readonly ItemFilter JapanImages = new() { Country = "Japan", Modality = Core.Benchmarks.Model.Modality.Image };

    public async Task InitializeAsync() => _ctx = await ProjectPagesContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static void SaveAs(IRenderedComponent<SaveFilterButton> button, string name)
    {
        button.Find("[data-testid=save-filter]").Click();
        button.Find("input[data-testid=save-filter-name], [data-testid=save-filter-name] input").Input(name);
        button.Find("[data-testid=save-filter-confirm]").Click();
    }

    [Fact]
    public async Task A_curator_saves_the_current_filter_under_a_name()
    {
        _ctx.SignIn("curator-id", Roles.Curator);
        var button = _ctx.Bunit.Render<SaveFilterButton>(p => p.Add(b => b.Filter, JapanImages));

        SaveAs(button, "Japan images");

        button.WaitForAssertion(() => Assert.NotEmpty(button.FindAll("[data-testid=save-filter]")));
        var saved = Assert.Single(await _ctx.Filters.ListAsync());
        Assert.Equal(("Japan images", "curator-id"), (saved.Name, saved.CreatedBy));
        Assert.Equal(JapanImages, Core.Benchmarks.SavedFilters.SavedFilterStore.FilterOf(saved));
    }

    [Fact]
    public async Task A_taken_name_shows_the_error_and_keeps_the_panel_open()
    {
        await _ctx.Filters.SaveAsync("Japan images", new ItemFilter(), "someone");
        _ctx.SignIn("curator-id", Roles.Curator);
        var button = _ctx.Bunit.Render<SaveFilterButton>(p => p.Add(b => b.Filter, JapanImages));

        SaveAs(button, "Japan images");

        button.WaitForAssertion(() => Assert.Equal("Name: a filter called 'Japan images' exists already.", button.Find("[data-testid=save-filter-error]").TextContent.Trim()));
        Assert.Single(await _ctx.Filters.ListAsync());
    }

    [Theory]
    [InlineData(Roles.Annotator)]
    [InlineData(Roles.Viewer)]
    public async Task Annotators_and_viewers_cannot_save_a_filter(string role)
    {
        _ctx.SignIn("someone-id", role);
        var button = _ctx.Bunit.Render<SaveFilterButton>(p => p.Add(b => b.Filter, JapanImages));

        SaveAs(button, "mine");

        button.WaitForAssertion(() => Assert.Equal("Only curators and admins can save filters.", button.Find("[data-testid=save-filter-error]").TextContent.Trim()));
        Assert.Empty(await _ctx.Filters.ListAsync());
    }
}
