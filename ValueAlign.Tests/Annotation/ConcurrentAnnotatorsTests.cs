using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Annotation;

/// <summary>
/// The acceptance test: 50 annotators, each with its own service and database contexts,
/// work a project of 200 items with overlap 3 in parallel until their queues are empty; half of
/// them as if from a second process.
/// </summary>
public class ConcurrentAnnotatorsTests
{
    private const int Annotators = 50;
    private const int Items = 200;
    private const int Overlap = 3;

    [Fact]
    public Task Fifty_annotators_on_sqlite_never_exceed_the_overlap_nor_repeat_nor_lose_anything() =>
        RunAsync(DatabaseProvider.Sqlite);

    [Fact]
    public Task Fifty_annotators_on_postgres_never_exceed_the_overlap_nor_repeat_nor_lose_anything() =>
        RunAsync(DatabaseProvider.Postgres);

    private static async Task RunAsync(DatabaseProvider provider)
    {
        await using var db = await AnnotationDatabase.CreateAsync(provider);
        var ids = await db.AddItemsAsync(Items);
        var project = await db.CreateProjectAsync(overlap: Overlap);

        // Half the annotators go through a second connection string: to them the other half is
        // another process, so the database lock (BEGIN IMMEDIATE / FOR UPDATE) must hold them apart.
        var factories = new[] { db.Factory, db.OtherProcessFactory };
        var served = new ConcurrentBag<(string Annotator, long ItemId)>();
        var submitted = new ConcurrentBag<(string Annotator, long AnnotationId)>();
        await Task.WhenAll(Enumerable.Range(0, Annotators).Select(n => Task.Run(async () =>
        {
            var annotator = $"annotator-{n:D2}";
            var service = new AssignmentService(factories[n % 2], TimeProvider.System);
            var count = 0;
            while (await service.NextAsync(project.Id, annotator) is { } next)
            {
                served.Add((annotator, next.ItemId));
                var result = await service.SubmitAsync(next.ReservationId, annotator, AnnotationDatabase.HonestyAnswers());
                submitted.Add((annotator, result.AnnotationId));
                if (++count % 5 == 0)
                {
                    // A page that lost its connection retries a submit that was in fact saved.
                    var retried = await service.SubmitAsync(next.ReservationId, annotator, AnnotationDatabase.HonestyAnswers());
                    Assert.True(retried.AlreadySubmitted);
                    Assert.Equal(result.AnnotationId, retried.AnnotationId);
                }
            }
        })));

        // Nobody was served an item twice, and no item was served beyond the overlap.
        Assert.DoesNotContain(served.GroupBy(s => s), g => g.Count() > 1);
        Assert.All(served.GroupBy(s => s.ItemId), g => Assert.Equal(Overlap, g.Count()));
        Assert.Equal(Items * Overlap, served.Count);
        Assert.Equal(Items * Overlap, submitted.Select(s => s.AnnotationId).Distinct().Count());

        await using var context = db.Factory.CreateDbContext();
        var stored = await context.Annotations.Where(a => a.ProjectId == project.Id)
            .Select(a => new { a.ProjectItem!.ItemId, a.AnnotatorId }).ToListAsync();
        Assert.Equal(Items * Overlap, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(ids.Order(), stored.Select(s => s.ItemId).Distinct().Order());
        Assert.All(stored.GroupBy(s => s.ItemId), g => Assert.Equal(Overlap, g.Count()));
        Assert.All((await db.AnnotationCountsByItemAsync(project.Id)).Values, c => Assert.Equal(Overlap, c));
        Assert.Empty(await context.Reservations.ToListAsync());
        Assert.Equal(served.Select(s => s.Annotator).Distinct().Order(), stored.Select(s => s.AnnotatorId).Distinct().Order());
    }
}
