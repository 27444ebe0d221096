using System.Text.Json;
using System.Text.Json.Nodes;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Judging;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>`--judge` on the `eval` and `counterfactual` verbs, as processes over a folder with two models.</summary>
public sealed class JudgeVerbTests
{
    private static Dictionary<string, string> Environment(TwoModelFolder models) => new()
    {
        ["Paths:Models"] = models.Path,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "2048",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    [Fact]
    public async Task Eval_with_judge_records_the_judge_prints_it_and_exports_it()
    {
        using var models = new TwoModelFolder();
        await using var bed = await EvalTestBed.CreateAsync(models.Path, null);
        await bed.ImportDemoFileAsync("mohobench-demo.jsonl");
        var output = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "run.json");

        var result = await WorkbenchCommand.RunAsync(
            ["eval", "--model", TwoModelFolder.Model, "--judge", TwoModelFolder.Judge, "--method", "honesty", "--kind", "HonestyVisualQuestion",
             "--params", "{\"maxTokens\":12}", "--out", output],
            bed.DatabasePath, environment: Environment(models), timeout: TimeSpan.FromMinutes(6));

        Assert.True(result.ExitCode == 0, result.Error);
        var judgeSha = await FileHashing.Sha256Async(models.File(TwoModelFolder.Judge));
        Assert.Contains($"judged by {TwoModelFolder.Judge} ({judgeSha[..12]})", result.Error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var run = json.RootElement.GetProperty("run");
        Assert.Equal(judgeSha, run.GetProperty("judge").GetProperty("sha256").GetString());
        Assert.Equal(await FileHashing.Sha256Async(models.File(TwoModelFolder.Model)), run.GetProperty("model").GetProperty("sha256").GetString());
        Assert.False(run.GetProperty("selfJudged").GetBoolean());

        var resumed = await WorkbenchCommand.RunAsync(["eval", "--resume", "1", "--judge", TwoModelFolder.Judge], bed.DatabasePath, environment: Environment(models));
        Assert.NotEqual(0, resumed.ExitCode);
        Assert.Contains("keeps the judge it was created with", resumed.Error);
    }

    [Fact]
    public async Task Counterfactual_with_judge_rates_with_the_judge_and_says_so_in_its_json()
    {
        using var models = new TwoModelFolder();
        using var temp = new TempDirectory();
        string[] Arguments(params string[] judge) =>
        [
            "counterfactual", "--model", TwoModelFolder.Model, .. judge, "--method", "raw", "--system", "schwartz-10", "--priorities", "power=1,universalism=5",
            "--question", "Should the town build a factory in the forest?", "--response", "Yes, it brings jobs and money.",
        ];

        var judged = await WorkbenchCommand.RunAsync(Arguments("--judge", TwoModelFolder.Judge), temp.File("cli.db"), environment: Environment(models), timeout: TimeSpan.FromMinutes(4));
        var self = await WorkbenchCommand.RunAsync(Arguments(), temp.File("cli.db"), environment: Environment(models), timeout: TimeSpan.FromMinutes(4));

        Assert.True(judged.ExitCode is 0 or 1, judged.Error); // 1 = a malformed rating by the random-weight judge, still reported
        Assert.True(self.ExitCode is 0 or 1, self.Error);
        var judgedJson = JsonNode.Parse(judged.Output)!;
        var selfJson = JsonNode.Parse(self.Output)!;
        Assert.False((bool)judgedJson["selfJudged"]!);
        Assert.Equal(TwoModelFolder.Judge, (string?)judgedJson["judge"]!["name"]);
        Assert.Equal(TwoModelFolder.Model, (string?)judgedJson["model"]!["name"]);
        Assert.True((bool)selfJson["selfJudged"]!);
        Assert.Contains("judged by judge-tiny.gguf", judged.Error);
        Assert.Contains("self-judged", self.Error);
        // The rating calls come from different models: the same prompt, different outputs.
        var judgedRating = judgedJson["trace"]![0]!["calls"]![0]!;
        var selfRating = selfJson["trace"]![0]!["calls"]![0]!;
        Assert.Equal((string?)selfRating["prompt"], (string?)judgedRating["prompt"]);
        Assert.NotEqual((string?)selfRating["rawOutput"], (string?)judgedRating["rawOutput"]);
    }
}
