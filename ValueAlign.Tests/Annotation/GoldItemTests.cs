using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Tests.Annotation;

public class GoldItemTests
{
    [Fact]
    public async Task Gold_items_are_mixed_in_at_the_gold_rate()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(20);
        var goldIds = await db.AddItemsAsync(4, benchmark: "gold");
        var project = await db.CreateProjectAsync(goldRate: 0.25, gold: goldIds.ToDictionary(id => id, _ => AnnotationDatabase.HonestyAnswers()));

        var goldPositions = new List<int>();
        for (var n = 1; n <= 16; n++)
        {
            var next = (await db.Assignments.NextAsync(project.Id, "a"))!;
            if (goldIds.Contains(next.ItemId))
            {
                goldPositions.Add(n);
            }
            await db.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
        }
        // Rate 1/4: every fourth item is gold, while gold items last.
        Assert.Equal([4, 8, 12, 16], goldPositions);
        var mine = await db.Assignments.MyProgressAsync(project.Id, "a");
        Assert.Equal(4, mine.GoldSubmitted);

        // With the gold used up, the rest is regular work until the queue is empty.
        var rest = 0;
        while (await db.Assignments.NextAsync(project.Id, "a") is { } next)
        {
            Assert.DoesNotContain(next.ItemId, goldIds);
            await db.Assignments.SubmitAsync(next.ReservationId, "a", AnnotationDatabase.HonestyAnswers());
            rest++;
        }
        Assert.Equal(8, rest);
    }

    [Fact]
    public async Task Gold_items_are_not_bound_by_the_overlap_but_never_repeat_for_one_annotator()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(10);
        var goldIds = await db.AddItemsAsync(1, benchmark: "gold");
        var project = await db.CreateProjectAsync(overlap: 1, goldRate: 0.5, gold: new Dictionary<long, AnnotationAnswers> { [goldIds[0]] = AnnotationDatabase.HonestyAnswers() });

        foreach (var annotator in new[] { "a", "b", "c" })
        {
            var served = new List<long>();
            for (var n = 0; n < 3; n++)
            {
                var next = (await db.Assignments.NextAsync(project.Id, annotator))!;
                served.Add(next.ItemId);
                await db.Assignments.SubmitAsync(next.ReservationId, annotator, AnnotationDatabase.HonestyAnswers());
            }
            Assert.Equal(1, served.Count(goldIds.Contains));
            Assert.Equal(goldIds[0], served[1]);
        }
        var progress = await db.Assignments.ProjectProgressAsync(project.Id);
        Assert.Equal(3, progress.GoldAnnotations);
        Assert.Equal(6, progress.Annotations);
    }

    [Fact]
    public async Task A_project_definition_is_validated_field_by_field()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(2);
        var error = await Assert.ThrowsAsync<ProjectValidationException>(() => db.Projects.CreateAsync(new NewProject
        {
            Name = " ",
            Filter = new ItemFilter { Benchmark = "nothing-here" },
            Schema = LabelSchemaTemplates.Culture(),
            Overlap = 0,
            GoldRate = 1.5,
            GoldItems = new Dictionary<long, AnnotationAnswers> { [424242] = new() },
            CreatedBy = "curator",
        }));
        Assert.Contains(error.Errors, e => e.StartsWith("Name:"));
        Assert.Contains(error.Errors, e => e.StartsWith("Overlap:"));
        Assert.Contains(error.Errors, e => e.StartsWith("Gold rate:"));
        Assert.Contains(error.Errors, e => e == "Gold items: benchmark item 424242 does not exist.");
        Assert.Contains(error.Errors, e => e.StartsWith("Gold item 424242: Question 'answer-correct' needs an answer"));
        Assert.Contains(error.Errors, e => e.StartsWith("Filter:"));
        Assert.Empty(await db.Projects.ListAsync());
    }

    [Fact]
    public async Task A_project_keeps_its_filter_schema_and_settings()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(3);
        var created = await db.CreateProjectAsync(overlap: 2, seed: 9, timeout: TimeSpan.FromSeconds(90));

        var stored = (await db.Projects.GetAsync(created.Id))!;
        Assert.Equal(new ItemFilter { Benchmark = "demo" }, VerificationProjectService.FilterOf(stored));
        Assert.Equal(LabelSchemaTemplates.Honesty().ToJson(), LabelSchema.FromJson(stored.LabelSchemaJson).ToJson());
        Assert.Equal((2, 9, 90), (stored.Overlap, stored.Seed, stored.ReservationTimeoutSeconds));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(stored.CreatedAt, DateTimeKind.Utc));
        Assert.Equal(3, (await db.AnnotationCountsByItemAsync(created.Id)).Count);
    }
}
