using Bunit;
using ValueAlign.Core.Annotation.Schema;
using static ValueAlign.Tests.Web.Annotate.AnnotatePageHarness;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>In blind mode the page never shows (nor loads) another annotator's labels; otherwise it lists them.</summary>
public sealed class AnnotatePageBlindModeTests : IAsyncLifetime
{
    private const string PeerComment = "peer-comment-5521";

    private AnnotatePageHarness _h = default!;

    public async Task InitializeAsync() => _h = await CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<long> ProjectLabelledByAPeerAsync(bool blind)
    {
        // One item, so the page's annotator gets the very item the peer labelled.
        var project = await _h.ProjectAsync(items: 1, blind: blind);
        var peer = (await _h.Database.Assignments.NextAsync(project.Id, "peer"))!;
        await _h.Database.Assignments.SubmitAsync(peer.ReservationId, "peer", new AnnotationAnswers
        {
            Answers = new Dictionary<string, IReadOnlyList<string>>
            {
                ["unanswerable"] = ["unsure"], ["type"] = ["vague-description"], ["reason-correct"] = ["no"], ["comment"] = [PeerComment],
            },
            Flags = ["offensive"],
        });
        return project.Id;
    }

    [Fact]
    public async Task Blind_mode_shows_no_label_of_another_annotator()
    {
        var projectId = await ProjectLabelledByAPeerAsync(blind: true);
        var page = _h.Open(projectId);
        Assert.NotEmpty(page.FindAll("[data-testid=annotate-item]"));
        Assert.Empty(page.FindAll("[data-testid=peer-label]"));
        Assert.Empty(page.FindAll("[data-testid=peer-labels]"));
        Assert.DoesNotContain(PeerComment, page.Markup);
        Assert.DoesNotContain("vague-description</td>", page.Markup);
        Assert.Contains("Blind", page.Markup);
        Assert.Empty(Chosen(page, "unanswerable"));
    }

    [Fact]
    public async Task Without_blind_mode_the_peer_labels_are_listed()
    {
        var projectId = await ProjectLabelledByAPeerAsync(blind: false);
        var page = _h.Open(projectId);
        var row = Assert.Single(page.FindAll("[data-testid=peer-label]"));
        Assert.Contains(PeerComment, row.TextContent);
        Assert.Contains("vague-description", row.TextContent);
        Assert.Contains("offensive", row.TextContent);
        Assert.DoesNotContain("peer", row.TextContent.Replace(PeerComment, ""));
    }
}
