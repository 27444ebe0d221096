using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Tests.Annotation.Projects;

/// <summary>Editing a project on a real SQLite file: what may change once annotations exist.</summary>
public class ProjectUpdateTests
{
    private static NewProject Definition(string benchmark, IReadOnlyDictionary<long, AnnotationAnswers>? gold = null) => new()
    {
        Name = "p",
        Filter = new ItemFilter { Benchmark = benchmark },
        Schema = LabelSchemaTemplates.Honesty(),
        Overlap = 2,
        CreatedBy = "curator",
        GoldItems = gold ?? new Dictionary<long, AnnotationAnswers>(),
    };

    [Fact]
    public async Task An_edit_changes_the_settings_members_and_items_and_keeps_the_seed()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var demo = await db.AddItemsAsync(3);
        var more = await db.AddItemsAsync(2, benchmark: "more");
        var ann = await db.AddAccountAsync("ann@example.org", Roles.Annotator);
        var created = await db.Projects.CreateAsync(Definition("demo") with { Seed = 5 });

        var updated = await db.Projects.UpdateAsync(created.Id, Definition("more") with
        {
            Name = "renamed",
            Overlap = 4,
            BlindMode = false,
            GuidelinesMarkdown = "# Read me",
            ReservationTimeout = TimeSpan.FromSeconds(90),
            GoldRate = 0.5,
            GoldItems = new Dictionary<long, AnnotationAnswers> { [demo[0]] = AnnotationDatabase.HonestyAnswers() },
            Members = [ann],
            Seed = 99,
        });

        var stored = (await db.Projects.GetAsync(created.Id))!;
        Assert.Equal(("renamed", 4, false, "# Read me", 90, 0.5, 5), (stored.Name, stored.Overlap, stored.BlindMode, stored.GuidelinesMarkdown, stored.ReservationTimeoutSeconds, stored.GoldRate, stored.Seed));
        Assert.Equal(new ItemFilter { Benchmark = "more" }, VerificationProjectService.FilterOf(stored));
        var counts = await db.AnnotationCountsByItemAsync(created.Id);
        Assert.Equal(more.Append(demo[0]).Order(), counts.Keys.Order());
        Assert.Equal([demo[0]], (await db.Projects.GoldItemsAsync(created.Id)).Keys);
        Assert.True(await new ProjectMembershipService(db.Factory, db.Clock).IsMemberAsync(created.Id, ann));
        Assert.Equal(updated.Id, created.Id);
    }

    [Fact]
    public async Task Once_annotated_the_schema_is_fixed_and_annotated_items_cannot_leave_or_turn_gold()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var demo = await db.AddItemsAsync(2);
        await db.AddItemsAsync(2, benchmark: "more");
        var project = await db.CreateProjectAsync(overlap: 1);
        var held = (await db.Assignments.NextAsync(project.Id, "a"))!;
        await db.Assignments.SubmitAsync(held.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        var annotated = $"demo-{demo.IndexOf(held.ItemId) + 1:D5}";

        var error = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.UpdateAsync(project.Id, Definition("more") with
        {
            Schema = LabelSchemaTemplates.Culture(),
        }));
        Assert.Equal(
            new[]
            {
                "Label schema: the project has annotations, so its questions can no longer change (start a new project instead).",
                $"Filter: item {annotated} has annotations and cannot leave the project.",
            },
            error.Errors);

        var gold = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.UpdateAsync(project.Id, Definition("demo",
            new Dictionary<long, AnnotationAnswers> { [held.ItemId] = AnnotationDatabase.HonestyAnswers() })));
        Assert.Equal([$"Gold items: item {annotated} has annotations and cannot switch between gold and regular."], gold.Errors);

        // Nothing changed, and an edit that keeps the annotated item still works.
        Assert.Equal(2, (await db.AnnotationCountsByItemAsync(project.Id)).Count);
        await db.Projects.UpdateAsync(project.Id, Definition("demo") with { Overlap = 3, Name = "p2" });
        Assert.Equal(3, (await db.Projects.GetAsync(project.Id))!.Overlap);
        Assert.Equal(1, (await db.AnnotationCountsByItemAsync(project.Id))[held.ItemId]);
    }

    [Fact]
    public async Task Editing_a_missing_project_or_to_a_taken_name_is_refused()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        await db.CreateProjectAsync(name: "first");
        var second = await db.CreateProjectAsync(name: "second");

        var taken = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.UpdateAsync(second.Id, Definition("demo") with { Name = "first" }));
        Assert.Equal(["Name: a project called 'first' exists already."], taken.Errors);
        var missing = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.UpdateAsync(9999, Definition("demo")));
        Assert.Equal(["Project 9999 does not exist."], missing.Errors);
    }
}
