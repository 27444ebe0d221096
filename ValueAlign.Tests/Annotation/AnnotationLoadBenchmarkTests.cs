using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Data;

namespace ValueAlign.Tests.Annotation;

public class AnnotationLoadBenchmarkTests
{
    [Fact]
    public async Task Simulated_annotators_finish_the_project_and_the_checks_hold()
    {
        await using var db = await AnnotationDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await AnnotationLoadBenchmark.RunAsync(db.Factory, annotators: 8, items: 30, overlap: 2);

        Assert.Equal(60, result.Submits); // every item reached its overlap
        Assert.True(result.Consistent, $"duplicates {result.DuplicateServes}, over overlap {result.ItemsOverOverlap}, lost {result.LostAnnotations}");
        Assert.True(result.P50Ms <= result.P95Ms && result.P95Ms <= result.P99Ms);
    }

    [Fact]
    public async Task Two_hundred_annotators_on_postgres_lose_duplicate_and_over_assign_nothing()
    {
        await using var db = await AnnotationDatabase.CreateAsync(DatabaseProvider.Postgres);

        // The 200 annotators, back to back, on a project small enough for a test.
        var result = await AnnotationLoadBenchmark.RunAsync(db.Factory, annotators: 200, items: 120, overlap: 3);

        Assert.Equal(360, result.Submits);
        Assert.True(result.Consistent, $"duplicates {result.DuplicateServes}, over overlap {result.ItemsOverOverlap}, lost {result.LostAnnotations}");
    }

    [Theory]
    [InlineData(0.50, 2.0)]
    [InlineData(0.95, 4.0)]
    [InlineData(0.99, 4.0)]
    public void Percentile_is_nearest_rank(double p, double expected) =>
        Assert.Equal(expected, AnnotationLoadBenchmark.Percentile([1, 2, 3, 4], p));
}
