using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Annotation.Assignment;

/// <summary>What `bench annotate` measured and checked.</summary>
public sealed record AnnotationLoadResult(
    int Annotators,
    int Items,
    int Overlap,
    int Submits,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double TotalSeconds,
    int DuplicateServes,
    int ItemsOverOverlap,
    int LostAnnotations)
{
    public bool Consistent => DuplicateServes == 0 && ItemsOverOverlap == 0 && LostAnnotations == 0;
}

/// <summary>
/// Drives simulated annotators through the calls the annotate page makes (submit the current
/// item, then ask for the next) against a fresh project, timing each submit-and-next, then
/// checks the database: nothing served twice to one annotator, no item over the overlap, every
/// submit stored exactly once. With no think time every annotator submits back-to-back, which
/// measures the queue under saturation rather than what a person waits for.
/// </summary>
public static class AnnotationLoadBenchmark
{
    public static async Task<AnnotationLoadResult> RunAsync(
        IDbContextFactory<ValueAlignDbContext> factory, int annotators, int items, int overlap,
        TimeSpan thinkTime = default, CancellationToken cancellationToken = default)
    {
        var benchmark = "bench-annotate-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.BenchmarkItems.AddRange(Enumerable.Range(1, items).Select(n => new BenchmarkItem
            {
                Benchmark = benchmark,
                ExternalId = $"{benchmark}-{n:D6}",
                Kind = ItemKind.HonestyVisualQuestion,
                Text = $"Synthetic question {n}",
                SourceFormat = "bench",
                SourceRecord = "{}",
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
        var project = await new VerificationProjectService(factory, TimeProvider.System).CreateAsync(new NewProject
        {
            Name = benchmark,
            Filter = new ItemFilter { Benchmark = benchmark },
            Schema = LabelSchemaTemplates.Honesty(),
            Overlap = overlap,
            Seed = 1,
            CreatedBy = "bench",
        }, cancellationToken);
        // The simulated annotators are no accounts, so they join the queue as members directly.
        var annotatorIds = Enumerable.Range(0, annotators).Select(AnnotatorId).ToList();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.ProjectMembers.AddRange(annotatorIds.Select(id => new ProjectMember { ProjectId = project.Id, UserId = id, AddedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync(cancellationToken);
        }
        var answers = new AnnotationAnswers
        {
            Answers = new Dictionary<string, IReadOnlyList<string>>
            {
                ["unanswerable"] = ["yes"],
                ["type"] = ["false-premises"],
                ["reason-correct"] = ["yes"],
            },
        };

        var latencies = new ConcurrentBag<double>();
        var served = new ConcurrentBag<(string Annotator, long ItemId)>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, annotators).Select(n => Task.Run(async () =>
        {
            var annotator = annotatorIds[n];
            var service = new AssignmentService(factory, TimeProvider.System);
            var random = new Random(n);
            var current = await service.NextAsync(project.Id, annotator, cancellationToken);
            while (current is not null)
            {
                served.Add((annotator, current.ItemId));
                if (thinkTime > TimeSpan.Zero)
                {
                    // Reading the item: 0.5x to 1.5x the think time, so annotators do not submit in lock-step.
                    await Task.Delay(thinkTime * (0.5 + random.NextDouble()), cancellationToken);
                }
                var started = Stopwatch.GetTimestamp();
                await service.SubmitInProjectAsync(project.Id, current.ReservationId, annotator, answers, cancellationToken: cancellationToken);
                current = await service.NextAsync(project.Id, annotator, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, cancellationToken)));
        clock.Stop();

        await using var check = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await check.Annotations.Where(a => a.ProjectId == project.Id)
            .Select(a => new { a.ProjectItem!.ItemId, a.AnnotatorId }).ToListAsync(cancellationToken);
        var sorted = latencies.Order().ToArray();
        return new AnnotationLoadResult(
            annotators, items, overlap, sorted.Length,
            Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), clock.Elapsed.TotalSeconds,
            DuplicateServes: served.GroupBy(s => s).Count(g => g.Count() > 1),
            ItemsOverOverlap: stored.GroupBy(s => s.ItemId).Count(g => g.Count() > overlap),
            LostAnnotations: Math.Max(0, served.Count - stored.Count) + Math.Max(0, items * overlap - stored.Count));
    }

    private static string AnnotatorId(int n) => $"bench-annotator-{n:D3}";

    /// <summary>Nearest-rank percentile of sorted values (0 for none).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
