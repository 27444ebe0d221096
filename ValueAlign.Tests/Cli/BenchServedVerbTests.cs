using System.Text.Json.Nodes;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>`bench served` serves the model on loopback in its own process and compares the endpoint's answers with in-process ones.</summary>
public sealed class BenchServedVerbTests
{
    [Fact]
    public async Task Bench_served_answers_every_unit_identically_through_the_endpoint_and_reports_both_speeds()
    {
        using var dir = new TempDirectory();
        var result = await WorkbenchCommand.RunAsync(["bench", "served", "--model", StoriesModelFixture.ModelPath, "--runs", "1", "--concurrency", "2"],
            dir.File("unused.db"), timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var json = JsonNode.Parse(result.Output[result.Output.IndexOf('{')..])!;
        var parity = json["parity"]!;
        // The demo's 12 culture questions under 4 rotations, for the warm-up seed and one timed seed.
        Assert.Equal(48, (int)parity["inProcess"]!["units"]!);
        Assert.Equal(96, (int)parity["compared"]!);
        Assert.Equal(96, (int)parity["identical"]!);
        Assert.Equal("stories260K @ loopback", (string?)parity["endpoint"]!["model"]);
        Assert.True((double)parity["ratio"]! > 0);
        Assert.Equal(2, (int)json["throughput"]!["concurrent"]!["inFlight"]!);
        Assert.Contains("identical answers                      96/96 units", result.Output);
        Assert.False(File.Exists(dir.File("unused.db")), "bench served must use its own scratch database, not the configured one");
    }
}
