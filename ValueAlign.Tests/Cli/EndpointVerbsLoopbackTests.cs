using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Judging;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Cli;

/// <summary>
/// `--endpoint`, `--judge-endpoint` and `bench model --endpoint` as processes, against the
/// workbench's own served /v1 (stories260K) on a loopback port of this test process.
/// </summary>
public sealed class EndpointVerbsLoopbackTests : IAsyncLifetime
{
    private const string KeyVariable = "LOOPBACK_TEST_KEY";
    private ServedApiHost _host = default!;
    private readonly TwoModelFolder _models = new();

    public async Task InitializeAsync() => _host = await ServedApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _models.Dispose();
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = _models.Path,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "2048",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
        [KeyVariable] = _host.ApiKey,
    };

    private string[] Endpoint(string option = "--endpoint") => [option, _host.V1.ToString(), "--api-key-env", KeyVariable];

    [Fact]
    public async Task Eval_through_the_endpoint_chooses_the_in_process_answer_on_every_item_and_records_the_server_model()
    {
        await using var bed = await EvalTestBed.CreateAsync(_models.Path, null);
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        string[] culture = ["--method", "culture-mcq", "--kind", "CultureMultipleChoice", "--params", "{\"mode\":\"likelihood\",\"circular\":true}"];

        var remote = await WorkbenchCommand.RunAsync(["eval", .. Endpoint(), "--model", "stories260K", .. culture], bed.DatabasePath, environment: Environment());
        var local = await WorkbenchCommand.RunAsync(["eval", "--model", TwoModelFolder.Model, .. culture], bed.DatabasePath, environment: Environment());

        Assert.True(remote.ExitCode == 0, remote.Error);
        Assert.True(local.ExitCode == 0, local.Error);
        Assert.Contains("Run 1 complete", remote.Output);
        Assert.DoesNotContain(_host.ApiKey, remote.Output + remote.Error);
        await using var db = bed.OpenDb();
        var runs = await db.EvalRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Contains("\"kind\":\"Server\"", runs[0].ModelRefJson);
        Assert.Contains("\"fingerprint\":\"sha256:" + await FileHashing.Sha256Async(_models.File(TwoModelFolder.Model)) + "\"", runs[0].ModelRefJson);
        Assert.Contains("\"kind\":\"LocalFile\"", runs[1].ModelRefJson);
        var answers = await db.EvalItemResults.Where(r => r.Error == null).ToListAsync();
        var byRun = answers.GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => g.ToDictionary(r => (r.ItemId, r.UnitKey), r => r.ParsedAnswer));
        Assert.Equal(runs[0].UnitCount, byRun[runs[0].Id].Count);
        Assert.True(runs[0].UnitCount >= 12, $"{runs[0].UnitCount} units");
        Assert.Equal(byRun[runs[1].Id], byRun[runs[0].Id]);
    }

    [Fact]
    public async Task Counterfactual_takes_the_model_and_the_judge_from_an_endpoint()
    {
        string[] Arguments(params string[] models) =>
        [
            "counterfactual", .. models, "--method", "raw", "--system", "schwartz-10", "--priorities", "power=1,universalism=5",
            "--question", "Should the town build a factory in the forest?", "--response", "Yes, it brings jobs and money.",
        ];
        using var temp = new TempDirectory();

        var served = await WorkbenchCommand.RunAsync(Arguments([.. Endpoint(), "--model", "stories260K", "--judge", TwoModelFolder.Judge]),
            temp.File("cli.db"), environment: Environment());
        var servedJudge = await WorkbenchCommand.RunAsync(Arguments(["--model", TwoModelFolder.Judge, .. Endpoint("--judge-endpoint"), "--judge", "stories260K"]),
            temp.File("cli.db"), environment: Environment());

        Assert.True(served.ExitCode is 0 or 1, served.Error); // 1 = a malformed rating by the random-weight model, still reported
        Assert.True(servedJudge.ExitCode is 0 or 1, servedJudge.Error);
        var servedJson = JsonNode.Parse(served.Output)!;
        Assert.Equal("Server", (string?)servedJson["model"]!["kind"]);
        Assert.Equal(_host.V1.ToString().TrimEnd('/'), (string?)servedJson["model"]!["baseUrl"]);
        Assert.Equal(TwoModelFolder.Judge, (string?)servedJson["judge"]!["name"]);
        Assert.False((bool)servedJson["selfJudged"]!);
        var judgeJson = JsonNode.Parse(servedJudge.Output)!;
        Assert.Equal("stories260K", (string?)judgeJson["judge"]!["modelId"]);
        Assert.Equal(TwoModelFolder.Judge, (string?)judgeJson["model"]!["name"]);
        Assert.Contains($"judged by stories260K @ {_host.V1.ToString().TrimEnd('/')}", servedJudge.Error);
        Assert.DoesNotContain(_host.ApiKey, served.Output + served.Error + servedJudge.Output + servedJudge.Error);
    }

    [Fact]
    public async Task Bench_model_with_an_endpoint_prints_throughput_with_the_requests_in_flight_asked_for()
    {
        using var temp = new TempDirectory();
        var result = await WorkbenchCommand.RunAsync(["bench", "model", .. Endpoint(), "--model", "stories260K", "--concurrency", "3", "--items", "4"],
            temp.File("cli.db"), environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("multiple choice, 3 requests in flight", result.Output);
        var json = JsonNode.Parse(result.Output[result.Output.IndexOf('{')..])!;
        Assert.Equal(4, (int)json["items"]!);
        Assert.Equal(3, (int)json["concurrent"]!["inFlight"]!);
        Assert.True((double)json["concurrent"]!["itemsPerSecond"]! > 0);
        Assert.True((double)json["single"]!["generationTokensPerSecond"]! > 0);
        Assert.DoesNotContain(_host.ApiKey, result.Output + result.Error);
    }

    [Theory]
    [InlineData("eval", "--judge-endpoint", "needs --judge MODEL-ID")]
    [InlineData("counterfactual", "--judge-endpoint", "needs --judge MODEL-ID")]
    [InlineData("eval", "--endpoint", "--endpoint needs --model MODEL-ID")]
    public async Task An_endpoint_without_its_model_is_refused_before_anything_loads(string verb, string option, string message)
    {
        using var temp = new TempDirectory();
        string[] rest = verb == "eval"
            ? ["--method", "culture-mcq", .. option == "--judge-endpoint" ? new[] { "--model", "m.gguf" } : []]
            : ["--model", "m.gguf", "--system", "schwartz-10", "--priorities", "power=1", "--question", "Q?"];
        var result = await WorkbenchCommand.RunAsync([verb, option, "http://127.0.0.1:9/v1", .. rest], temp.File("cli.db"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
