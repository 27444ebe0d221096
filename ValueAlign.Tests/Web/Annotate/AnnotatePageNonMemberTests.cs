using Bunit;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Web.Components.Pages.Annotate;
using static ValueAlign.Tests.Web.Annotate.AnnotatePageHarness;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>Someone who is not an annotator of a project sees nothing of it on /annotate/{id}: no name, guidelines, schema or progress.</summary>
public sealed class AnnotatePageNonMemberTests : IAsyncLifetime
{
    private const string Guidelines = "Secret guidelines 8841: label carefully.";

    private AnnotatePageHarness _h = default!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_non_member_sees_the_same_answer_as_for_a_project_that_does_not_exist()
    {
        var project = await _h.ProjectAsync(items: 2, guidelines: Guidelines);
        await using (var db = _h.Database.Factory.CreateDbContext())
        {
            await db.ProjectMembers.Where(m => m.ProjectId == project.Id && m.UserId == Annotator).ExecuteDeleteAsync();
        }

        var page = _h.Open(project.Id);
        var missing = _h.Open(project.Id + 1000);

        Assert.Equal(AnnotatePage.PageState.NotFound, page.Instance.State);
        var markup = page.Markup;
        Assert.DoesNotContain(project.Name, markup);
        Assert.DoesNotContain("8841", markup);
        Assert.DoesNotContain("unanswerable", markup);
        Assert.DoesNotContain("Blind", markup);
        Assert.Empty(page.FindAll("[data-testid=progress]"));
        Assert.Empty(page.FindAll("[data-testid=guidelines-toggle]"));
        Assert.Equal(
            missing.Find("[data-testid=annotate-error]").TextContent.Replace((project.Id + 1000).ToString(), "N"),
            page.Find("[data-testid=annotate-error]").TextContent.Replace(project.Id.ToString(), "N"));
        Assert.Empty(await _h.AnnotationsAsync(project.Id));
    }
}
