using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.Culture;

/// <summary>
/// The engine half of <c>bench culture</c> builds its own services: it must register the
/// culture-mcq method itself and run every demo question under each rotation through the engine.
/// </summary>
public class CultureEngineBenchmarkTests
{
    [Fact]
    public async Task The_engine_benchmark_runs_every_demo_question_under_each_rotation_on_stories260K()
    {
        var demo = Path.Combine(RepositoryRoot.Path, "data", "demo", "mma-asia-demo.jsonl");
        var items = File.ReadLines(demo).Count(l => l.Trim().Length > 0);

        var result = await CultureEngineBenchmark.RunAsync(StoriesModelFixture.ModelPath, demo, StoriesModelFixture.Options, new RunEngineOptions { UnitsInFlight = 8 });

        // CircularEval: four rotations of each four-option demo question, one unit each.
        Assert.Equal(items * 4, result.Units);
        Assert.Equal(8, result.UnitsInFlight);
        Assert.True(result.Seconds > 0 && double.IsFinite(result.ItemsPerSecond));
    }
}
