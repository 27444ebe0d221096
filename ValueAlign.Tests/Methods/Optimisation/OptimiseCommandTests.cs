using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>The `optimise` verb as a process on stories260K: rounds printed and written as JSON, errors, and a killed run resumed.</summary>
public sealed class OptimiseCommandTests
{
    private const string Sizes = "{\"alignedPool\":2,\"noisyPool\":2,\"candidates\":2,\"maxResponseTokens\":24,\"maxInstructionTokens\":24}";

    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Paths:Data"] = Path.Combine(RepositoryRoot.Path, "data"),
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    private static string[] Picaco(int rounds, string output) =>
        ["optimise", "--method", "picaco", "--model", "stories260K.gguf", "--value-set", "confucianism-4", "--prompts", "2",
         "--rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "4", "--params", Sizes, "--out", output];

    [Fact]
    public async Task Picaco_prints_each_round_and_writes_rounds_pools_candidates_and_the_instruction()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        var output = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "picaco.json");

        var result = await WorkbenchCommand.RunAsync(Picaco(2, output), bed.DatabasePath, environment: Environment(), timeout: TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("round 1/2  J(e) ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Response enhancement", result.Error, StringComparison.Ordinal);
        Assert.Contains("Instruction: ", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var root = json.RootElement;
        Assert.Equal("picaco", root.GetProperty("method").GetString());
        Assert.Equal(4, root.GetProperty("values").GetArrayLength());
        Assert.Equal(2, root.GetProperty("prompts").GetArrayLength());
        var rounds = root.GetProperty("rounds");
        Assert.InRange(rounds.GetArrayLength(), 1, 2);
        var first = rounds[0];
        Assert.Equal(2, first.GetProperty("pools").GetArrayLength());
        Assert.Equal(4, first.GetProperty("pools")[0].GetProperty("aligned")[0].GetProperty("score").GetProperty("logConformity").GetArrayLength());
        Assert.Equal(3, first.GetProperty("candidates").GetArrayLength());
        Assert.Equal(rounds[rounds.GetArrayLength() - 1].GetProperty("winner").GetString(), root.GetProperty("instruction").GetString());
        await using var db = bed.OpenDb();
        Assert.Equal(42, await db.BenchmarkItems.CountAsync()); // the value-laden prompts were imported for the run
    }

    [Fact]
    public async Task Bad_arguments_fail_with_a_clear_message()
    {
        await using var bed = await EvalTestBed.CreateAsync();

        var mixed = await WorkbenchCommand.RunAsync(["optimise", "--method", "irote", "--model", "stories260K.gguf", "--value-set", "confucianism-4"], bed.DatabasePath, environment: Environment());
        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains("--value-set and --values are PICACO settings", mixed.Error, StringComparison.Ordinal);

        var unknown = await WorkbenchCommand.RunAsync(["optimise", "--method", "picaco", "--model", "stories260K.gguf", "--value-set", "stoicism-4"], bed.DatabasePath, environment: Environment());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("The picaco parameter 'valueSet' must be one of ", unknown.Error, StringComparison.Ordinal);
    }

    /// <summary>IROTE always runs every round (PICACO on stories260K tends to keep its first instruction and stop).</summary>
    private static string[] Irote(string output) =>
        ["optimise", "--method", "irote", "--model", "stories260K.gguf", "--trait", "big-five:agreeableness", "--prompts", "2", "--rounds", "3", "--seed", "4",
         "--params", "{\"candidates\":2,\"behaviours\":1,\"samples\":2,\"keep\":1,\"maxResponseTokens\":16}", "--out", output];

    [Fact]
    public async Task A_killed_optimisation_resumes_from_its_last_finished_round_with_the_same_result()
    {
        await using var whole = await EvalTestBed.CreateAsync();
        var expected = Path.Combine(Path.GetDirectoryName(whole.DatabasePath)!, "whole.json");
        var uninterrupted = await WorkbenchCommand.RunAsync(Irote(expected), whole.DatabasePath, environment: Environment(), timeout: TimeSpan.FromMinutes(8));
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Error);

        await using var bed = await EvalTestBed.CreateAsync();
        var output = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "resumed.json");
        using (var process = WorkbenchCommand.Start(Irote(output), bed.DatabasePath, Environment()))
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (await RoundsStoredAsync(bed) < 1)
            {
                Assert.False(process.HasExited, "optimise exited before it could be killed");
                Assert.True(DateTime.UtcNow < deadline, "no round was stored within four minutes");
                await Task.Delay(50);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var storedBeforeResume = await RoundsStoredAsync(bed);

        var resumed = await WorkbenchCommand.RunAsync(["optimise", "--resume", "1", "--out", output], bed.DatabasePath, environment: Environment(), timeout: TimeSpan.FromMinutes(8));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.InRange(storedBeforeResume, 1, 2);
        Assert.DoesNotContain("round 1/3", resumed.Output, StringComparison.Ordinal); // finished rounds are not run again
        Assert.Contains("round 3/3", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(WithoutTimings(await File.ReadAllTextAsync(expected)), WithoutTimings(await File.ReadAllTextAsync(output)));
    }

    [Fact]
    public async Task Bench_optimise_reports_seconds_per_round_for_each_method_and_prompt_count()
    {
        await using var bed = await EvalTestBed.CreateAsync();

        var result = await WorkbenchCommand.RunAsync(["bench", "optimise", "--model", StoriesModelFixture.ModelPath, "--prompts", "1,2", "--threads", "1"],
            bed.DatabasePath, environment: Environment(), timeout: TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var line in new[] { "picaco  N=1 ", "picaco  N=2 ", "irote   N=1 ", "irote   N=2 " })
            Assert.Contains(line, result.Output, StringComparison.Ordinal);
        var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal(4, json.RootElement.GetProperty("timings").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("timings").EnumerateArray(), t => Assert.True(t.GetProperty("meanSecondsPerRound").GetDouble() > 0));
    }

    private static async Task<int> RoundsStoredAsync(EvalTestBed bed)
    {
        await using var db = bed.OpenDb();
        return await db.EvalItemResults.CountAsync();
    }

    /// <summary>The document with every round's elapsed time removed (the only thing allowed to differ).</summary>
    private static string WithoutTimings(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var round in root["rounds"]!.AsArray()) round!.AsObject().Remove("elapsed");
        return root.ToJsonString();
    }
}
