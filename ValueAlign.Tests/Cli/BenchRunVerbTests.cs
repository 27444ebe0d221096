using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>`bench run` drives a real culture-MCQ run through the engine on a scratch database and reports what it measured.</summary>
public sealed class BenchRunVerbTests
{
    [Fact]
    public async Task A_small_bench_run_stores_every_result_and_samples_each_tenth()
    {
        using var dir = new TempDirectory();
        var result = await WorkbenchCommand.RunAsync(["bench", "run", "--items", "40"], dir.File("unused.db"), timeout: TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("culture-MCQ run over 40 items on synthetic-tiny.gguf", result.Output);
        Assert.Contains("40 results stored", result.Output);
        foreach (var decile in new[] { "10%", "50%", "90%", "100%" })
        {
            Assert.Contains(Environment.NewLine + decile, result.Output);
        }
        Assert.Contains("result page during the run", result.Output);
        Assert.False(File.Exists(dir.File("unused.db")), "bench run must use its own scratch database, not the configured one");
    }
}
