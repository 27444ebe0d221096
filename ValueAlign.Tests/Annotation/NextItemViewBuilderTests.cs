using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Tests.Annotation;

/// <summary>What the annotate page shows for an item, built in Core over a real SQLite database.</summary>
public sealed class NextItemViewBuilderTests : IAsyncLifetime
{
    private AnnotationDatabase _db = default!;
    private NextItemViewBuilder _views = default!;

    public async Task InitializeAsync()
    {
        _db = await AnnotationDatabase.SqliteAsync();
        _views = new NextItemViewBuilder(_db.Assignments, new BenchmarkQuery(_db.Factory), new PeerAnnotations(_db.Factory));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<VerificationProject> ProjectAsync(string benchmark, bool blind, int overlap = 3, LabelSchema? schema = null)
    {
        var project = await _db.Projects.CreateAsync(new NewProject
        {
            Name = benchmark,
            Filter = new ItemFilter { Benchmark = benchmark },
            Schema = schema ?? LabelSchemaTemplates.Honesty(),
            BlindMode = blind,
            Overlap = overlap,
            CreatedBy = "curator",
        });
        await _db.AddMembersAsync(project.Id, AnnotationDatabase.QueueTestAnnotators);
        return project;
    }

    private static LabelSchema SchemaOf(VerificationProject project) => LabelSchema.FromJson(project.LabelSchemaJson);

    [Fact]
    public async Task The_next_item_comes_with_its_variants_and_the_projects_schema()
    {
        var ids = await _db.AddItemsAsync(2, "grouped");
        await using (var db = _db.Factory.CreateDbContext())
        {
            await db.BenchmarkItems.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(u => u.SetProperty(i => i.AlignmentGroup, "g1"));
        }
        var project = await ProjectAsync("grouped", blind: true);
        var schema = SchemaOf(project);

        var view = (await _views.NextAsync(project, schema, "a"))!;

        Assert.Contains(view.Item.Id, ids);
        Assert.Equal(ids.Where(id => id != view.Item.Id), view.Variants.Select(v => v.Id));
        Assert.Equal(view.Item.Id, view.Assignment.ItemId);
        Assert.Null(view.Presentation);
        Assert.Same(schema, view.Schema);
        Assert.Null(view.Answers);
        Assert.Empty(view.Peers);
    }

    [Fact]
    public async Task An_empty_queue_gives_no_view()
    {
        await _db.AddItemsAsync(1, "single");
        var project = await ProjectAsync("single", blind: true, overlap: 1);
        var held = (await _db.Assignments.NextAsync(project.Id, "b"))!;
        await _db.Assignments.SubmitAsync(held.ReservationId, "b", AnnotationDatabase.HonestyAnswers());

        Assert.Null(await _views.NextAsync(project, SchemaOf(project), "a"));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Peers_answers_show_only_in_an_open_project(bool blind, int expectedPeers)
    {
        await _db.AddItemsAsync(1, blind ? "blind" : "open");
        var project = await ProjectAsync(blind ? "blind" : "open", blind);
        var other = (await _db.Assignments.NextAsync(project.Id, "b"))!;
        await _db.Assignments.SubmitAsync(other.ReservationId, "b", AnnotationDatabase.HonestyAnswers("no"));

        var view = (await _views.NextAsync(project, SchemaOf(project), "a"))!;

        Assert.Equal(expectedPeers, view.Peers.Count);
        if (expectedPeers > 0)
        {
            Assert.Equal(["no"], view.Peers[0].Answers.Answers["unanswerable"]);
        }
    }

    [Fact]
    public async Task Carried_answers_come_back_only_for_the_same_item()
    {
        await _db.AddItemsAsync(1, "carry");
        var project = await ProjectAsync("carry", blind: true);
        var answers = AnnotationDatabase.HonestyAnswers("no");
        var first = (await _db.Assignments.NextAsync(project.Id, "a"))!;

        var same = (await _views.NextAsync(project, SchemaOf(project), "a", new CarriedAnswers(first.ItemId, answers)))!;
        var other = (await _views.NextAsync(project, SchemaOf(project), "a", new CarriedAnswers(first.ItemId + 1000, answers)))!;

        Assert.Same(answers, same.Answers);
        Assert.Null(other.Answers);
    }

    [Fact]
    public async Task An_undone_item_starts_from_the_answers_given_before()
    {
        await _db.AddItemsAsync(1, "undo");
        var project = await ProjectAsync("undo", blind: true);
        var held = (await _db.Assignments.NextAsync(project.Id, "a"))!;
        await _db.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers("no"));
        var back = (await _db.Assignments.UndoLastAsync(project.Id, "a"))!;

        var view = await _views.ForAsync(project, SchemaOf(project), "a", back, back.PreviousAnswers);

        Assert.Equal(held.ItemId, view.Item.Id);
        Assert.Equal(["no"], view.Answers!.Answers["unanswerable"]);
    }

    [Fact]
    public async Task A_preference_pair_shows_in_the_annotators_own_order_with_relabelled_options()
    {
        await using (var db = _db.Factory.CreateDbContext())
        {
            db.BenchmarkItems.AddRange(Enumerable.Range(1, 6).Select(n => new BenchmarkItem
            {
                Benchmark = "pairs", ExternalId = $"pair-{n}", Kind = ItemKind.PreferencePair, Text = $"Question {n}",
                OptionsJson = """["first","second"]""", SourceFormat = "test", SourceRecord = "{}",
            }));
            await db.SaveChangesAsync();
        }
        var project = await ProjectAsync("pairs", blind: true, schema: PreferenceSchema.Template());
        var schema = SchemaOf(project);

        var orders = new List<string>();
        for (var n = 0; n < 6; n++)
        {
            var view = (await _views.NextAsync(project, schema, "a"))!;
            var expected = PreferencePresentation.OrderFor(project.Id, "a", view.Item.Id);
            Assert.Equal(expected, view.Presentation);
            var better = view.Schema.Question(PreferenceSchema.BetterQuestion)!;
            Assert.Equal(["Answer A is better", "Answer B is better"], better.Options.Take(2).Select(o => o.Label));
            Assert.Equal(expected == PreferencePresentation.Swapped ? ["b", "a"] : ["a", "b"], better.Options.Take(2).Select(o => o.Value));
            orders.Add(expected);
            await _db.Assignments.SubmitAsync(view.Assignment.ReservationId, "a",
                new AnnotationAnswers { Answers = new Dictionary<string, IReadOnlyList<string>> { ["better"] = ["a"] } });
        }
        // The order differs across items (a hash per item), so both orders occur among six.
        Assert.Contains(PreferencePresentation.AsStored, orders);
        Assert.Contains(PreferencePresentation.Swapped, orders);
    }

    [Fact]
    public async Task A_preference_schema_on_an_ordinary_item_keeps_the_stored_labels()
    {
        await _db.AddItemsAsync(1, "plain");
        var project = await ProjectAsync("plain", blind: true, schema: PreferenceSchema.Template());
        var schema = SchemaOf(project);

        var view = (await _views.NextAsync(project, schema, "a"))!;

        Assert.Null(view.Presentation);
        Assert.Same(schema, view.Schema);
        Assert.Equal("Answer A (stored order) is better", view.Schema.Question(PreferenceSchema.BetterQuestion)!.Options[0].Label);
    }

    [Fact]
    public async Task An_unconfirmed_submit_shows_its_item_with_its_answers_and_no_peers()
    {
        await _db.AddItemsAsync(1, "pending");
        var project = await ProjectAsync("pending", blind: false);
        var other = (await _db.Assignments.NextAsync(project.Id, "b"))!;
        await _db.Assignments.SubmitAsync(other.ReservationId, "b", AnnotationDatabase.HonestyAnswers());
        var held = (await _db.Assignments.NextAsync(project.Id, "a"))!;
        var answers = AnnotationDatabase.HonestyAnswers("unsure");

        var view = await _views.ForUnconfirmedSubmitAsync(project, SchemaOf(project), "a", held.ReservationId, held.ItemId, answers);

        Assert.Equal(held.ReservationId, view.Assignment.ReservationId);
        Assert.Equal(held.ItemId, view.Item.Id);
        Assert.Same(answers, view.Answers);
        Assert.Empty(view.Peers);
    }

    [Fact]
    public async Task An_item_deleted_under_the_project_is_a_clear_error()
    {
        await _db.AddItemsAsync(1, "gone");
        var project = await ProjectAsync("gone", blind: true);
        var held = (await _db.Assignments.NextAsync(project.Id, "a"))!;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _views.ForAsync(project, SchemaOf(project), "a", held with { ItemId = 987654 }, null));

        Assert.Contains("Benchmark item 987654 of the project no longer exists", error.Message);
    }
}
