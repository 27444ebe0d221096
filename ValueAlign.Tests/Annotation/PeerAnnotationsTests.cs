using ValueAlign.Core.Annotation.Assignment;

namespace ValueAlign.Tests.Annotation;

public sealed class PeerAnnotationsTests : IAsyncLifetime
{
    private AnnotationDatabase _db = default!;

    public async Task InitializeAsync() => _db = await AnnotationDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(long ProjectId, long ProjectItemId)> LabelledByTwoAsync(bool blind)
    {
        var benchmark = blind ? "blind" : "open";
        await _db.AddItemsAsync(1, benchmark);
        var project = await _db.Projects.CreateAsync(new Core.Annotation.Projects.NewProject
        {
            Name = benchmark,
            Filter = new Core.Benchmarks.Query.ItemFilter { Benchmark = benchmark },
            Schema = Core.Annotation.Schema.LabelSchemaTemplates.Honesty(),
            BlindMode = blind,
            CreatedBy = "curator",
        });
        long projectItemId = 0;
        foreach (var (annotator, answer) in new[] { ("a", "yes"), ("b", "no") })
        {
            var held = (await _db.Assignments.NextAsync(project.Id, annotator))!;
            projectItemId = held.ProjectItemId;
            await _db.Assignments.SubmitAsync(held.ReservationId, annotator, AnnotationDatabase.HonestyAnswers(answer));
        }
        return (project.Id, projectItemId);
    }

    [Fact]
    public async Task Open_projects_give_the_other_annotators_answers_but_not_ones_own()
    {
        var (projectId, itemId) = await LabelledByTwoAsync(blind: false);
        var peers = await new PeerAnnotations(_db.Factory).ForItemAsync(projectId, itemId, "a");
        Assert.Equal(["no"], Assert.Single(peers).Answers.Answers["unanswerable"]);
        Assert.Equal(2, (await new PeerAnnotations(_db.Factory).ForItemAsync(projectId, itemId, "c")).Count);
    }

    [Fact]
    public async Task Blind_projects_give_nothing()
    {
        var (projectId, itemId) = await LabelledByTwoAsync(blind: true);
        Assert.Empty(await new PeerAnnotations(_db.Factory).ForItemAsync(projectId, itemId, "a"));
    }

    [Fact]
    public async Task An_unknown_project_is_an_error()
    {
        var error = await Assert.ThrowsAsync<AssignmentException>(() => new PeerAnnotations(_db.Factory).ForItemAsync(999, 1, "a"));
        Assert.Equal(AssignmentErrorKind.ProjectNotFound, error.Kind);
    }
}
