using ValueAlign.Core.Annotation.Projects;

namespace ValueAlign.Tests.Annotation;

public class AssignmentOrderTests
{
    [Fact]
    public async Task Serves_the_least_annotated_item_first()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(3);
        var project = await db.CreateProjectAsync(overlap: 3);

        // a1 annotates one item; the other two have nothing, so a2 and a3 must get those two.
        var first = (await db.Assignments.NextAsync(project.Id, "a1"))!;
        await db.Assignments.SubmitAsync(first.ReservationId, "a1", AnnotationDatabase.HonestyAnswers());
        var second = (await db.Assignments.NextAsync(project.Id, "a2"))!;
        var third = (await db.Assignments.NextAsync(project.Id, "a3"))!;
        Assert.Equal(3, new[] { first.ItemId, second.ItemId, third.ItemId }.Distinct().Count());

        // Now every item has load 1; a live reservation counts like an annotation, so a4 gets
        // an item with load 1, and a5 gets one of the two still at load 1 (not a4's, now at 2).
        var fourth = (await db.Assignments.NextAsync(project.Id, "a4"))!;
        var fifth = (await db.Assignments.NextAsync(project.Id, "a5"))!;
        Assert.NotEqual(fourth.ItemId, fifth.ItemId);
        var sixth = (await db.Assignments.NextAsync(project.Id, "a6"))!;
        Assert.Equal(3, new[] { fourth.ItemId, fifth.ItemId, sixth.ItemId }.Distinct().Count());
    }

    [Fact]
    public async Task Ties_follow_the_seeded_order_and_repeat_for_the_same_seed()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var ids = await db.AddItemsAsync(12);
        var seeded = await db.CreateProjectAsync(overlap: 1, seed: 42, name: "first");
        var again = await db.CreateProjectAsync(overlap: 1, seed: 42, name: "again");
        var other = await db.CreateProjectAsync(overlap: 1, seed: 43, name: "other");

        var expected = ids.OrderBy(id => TieBreak.Of(42, id)).ToList();
        Assert.Equal(expected, await ServedOrderAsync(db, seeded.Id, 12));
        Assert.Equal(expected, await ServedOrderAsync(db, again.Id, 12));
        var otherOrder = await ServedOrderAsync(db, other.Id, 12);
        Assert.NotEqual(expected, otherOrder);
        Assert.Equal(ids.Order(), otherOrder.Order());
        Assert.NotEqual(ids, expected); // the seeded order is not simply insertion order
    }

    [Fact]
    public void Tie_break_is_a_fixed_function_of_seed_and_item()
    {
        Assert.Equal(TieBreak.Of(7, 123), TieBreak.Of(7, 123));
        Assert.NotEqual(TieBreak.Of(7, 123), TieBreak.Of(8, 123));
        Assert.NotEqual(TieBreak.Of(7, 123), TieBreak.Of(7, 124));
        Assert.All(Enumerable.Range(0, 1000), n => Assert.True(TieBreak.Of(n, n * 31L) >= 0));
    }

    [Fact]
    public async Task One_annotator_gets_every_item_exactly_once_then_nothing()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var ids = await db.AddItemsAsync(8);
        var project = await db.CreateProjectAsync(overlap: 2);

        var served = new List<long>();
        while (await db.Assignments.NextAsync(project.Id, "solo") is { } next)
        {
            served.Add(next.ItemId);
            await db.Assignments.SubmitAsync(next.ReservationId, "solo", AnnotationDatabase.HonestyAnswers());
        }
        Assert.Equal(ids.Order(), served.Order());
        Assert.Null(await db.Assignments.NextAsync(project.Id, "solo"));
    }

    [Fact]
    public async Task Overlap_caps_annotations_per_item_and_the_third_annotator_finds_nothing()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(5);
        var project = await db.CreateProjectAsync(overlap: 2);

        foreach (var annotator in new[] { "a", "b" })
        {
            while (await db.Assignments.NextAsync(project.Id, annotator) is { } next)
            {
                await db.Assignments.SubmitAsync(next.ReservationId, annotator, AnnotationDatabase.HonestyAnswers());
            }
        }
        Assert.Null(await db.Assignments.NextAsync(project.Id, "c"));
        Assert.All((await db.AnnotationCountsByItemAsync(project.Id)).Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public async Task Asking_again_returns_the_item_already_held()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        await db.AddItemsAsync(4);
        var project = await db.CreateProjectAsync();

        var first = await db.Assignments.NextAsync(project.Id, "a");
        var again = await db.Assignments.NextAsync(project.Id, "a");
        Assert.Equal(first, again);
    }

    private static async Task<List<long>> ServedOrderAsync(AnnotationDatabase db, long projectId, int count)
    {
        var order = new List<long>();
        for (var n = 0; n < count; n++)
        {
            // A fresh annotator each time: with overlap 1 and a live reservation on every served
            // item, each one gets the next item of the tie order.
            order.Add((await db.Assignments.NextAsync(projectId, $"annotator-{n}"))!.ItemId);
        }
        Assert.Null(await db.Assignments.NextAsync(projectId, "late"));
        return order;
    }
}
