using System.Text.Json.Nodes;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Couple.Inspection;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple.Inspection;

/// <summary>Live progress of a run, methods by command-line name, and the JSON report, on the scripted model.</summary>
public sealed class ProgressAndReportTests
{
    private const string Question = "Should the town build a factory in the forest?";
    private const string Response = "Yes, build it: jobs bring wealth and status, and we win.";
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");

    private static ValueObjective Target() =>
        ValueObjective.FromVector(System, [.. System.Dimensions.Select(d => d.Id switch { "universalism" => 5, "benevolence" => 5, "power" => 1, _ => 3 })]);

    private static ScriptedLanguageModel Model()
    {
        var script = new CoupleScript(System)
        {
            Before = [.. System.Dimensions.Select(d => d.Id == "power" ? 5 : 2)],
            After = [.. System.Dimensions.Select(d => d.Id is "universalism" or "benevolence" ? 5 : d.Id == "power" ? 1 : 3)],
        };
        return new ScriptedLanguageModel(script.Respond);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool and lose the order).</summary>
    private sealed class Recorder : IProgress<CounterfactualProgress>
    {
        public List<CounterfactualProgress> Events { get; } = [];

        public void Report(CounterfactualProgress value)
        {
            lock (Events)
            {
                Events.Add(value);
            }
        }
    }

    [Fact]
    public async Task Progress_reports_every_step_call_and_streamed_piece_in_order()
    {
        var recorder = new Recorder();
        var model = Model();
        var result = await new CoupleMethod(model, new CoupleOptions()).RunAsync(new CounterfactualRequest(System, Target(), Question, Response, recorder));

        Assert.True(result.Succeeded);
        var steps = recorder.Events.Where(e => e.Kind == CounterfactualProgressKind.StepStarted).Select(e => e.Step);
        Assert.Equal(["Abduction", "Action", "Prediction", "Evaluation"], steps);
        Assert.Equal(4, recorder.Events.Count(e => e.Kind == CounterfactualProgressKind.StepFinished));
        // One CallStarted and (the scripted model yields its output in one piece) one Token per model call.
        var calls = result.Trace.Steps.Sum(s => s.Calls.Count);
        Assert.Equal(model.Completions.Count, calls);
        Assert.Equal(calls, recorder.Events.Count(e => e.Kind == CounterfactualProgressKind.CallStarted));
        var rewrite = Assert.Single(recorder.Events, e => e.Kind == CounterfactualProgressKind.Token && e.Purpose == "rewrite");
        Assert.Equal("Prediction", rewrite.Step);
        Assert.Equal(result.FinalResponse, rewrite.Piece);
        var started = recorder.Events.FindIndex(e => e.Kind == CounterfactualProgressKind.StepStarted && e.Step == "Prediction");
        var finished = recorder.Events.FindIndex(e => e.Kind == CounterfactualProgressKind.StepFinished && e.Step == "Prediction");
        Assert.InRange(recorder.Events.IndexOf(rewrite), started + 1, finished - 1);
    }

    [Theory]
    [InlineData("couple", "Couple")]
    [InlineData("couple-no-graph", "CoupleWithoutGraph")]
    [InlineData("couple-no-scm", "CoupleWithoutScm")]
    [InlineData("VALUE-PROMPT", "ValuePrompt")]
    [InlineData("raw", "Raw")]
    public void Methods_are_found_by_their_command_line_name(string key, string name)
    {
        Assert.Equal(name, CounterfactualMethods.Create(key, Model(), new CoupleOptions()).Name);
    }

    [Fact]
    public void An_unknown_method_name_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => CounterfactualMethods.Create("coupel", Model(), new CoupleOptions()));
        Assert.Contains("Unknown method 'coupel'. Use one of: raw, value-prompt, couple, couple-no-graph, couple-no-scm.", e.Message);
    }

    [Fact]
    public async Task Report_holds_texts_profiles_metrics_and_the_trace_as_json()
    {
        var request = new CounterfactualRequest(System, Target(), Question, Response);
        var result = await new CoupleMethod(Model(), new CoupleOptions()).RunAsync(request);

        var json = JsonNode.Parse(CounterfactualReport.Serialize(CounterfactualReport.ToJson(result, request)))!;

        Assert.Equal("Couple", (string?)json["method"]);
        Assert.Equal(Response, (string?)json["originalResponse"]);
        Assert.Equal(result.FinalResponse, (string?)json["finalResponse"]);
        Assert.True((bool)json["succeeded"]!);
        // Scripted expectation = 0.5 * digit + 1.5 (0.6 on the generated digit, 0.1 on the others).
        Assert.Equal(4.0, (double)json["profiles"]!["before"]!["power"]!, 9);
        Assert.Equal(1.0, (double)json["profiles"]!["target"]!["power"]!);
        Assert.Equal(2.0, (double)json["profiles"]!["after"]!["power"]!, 9);
        Assert.Equal(Math.Round(result.Evaluation!.Metrics.MeanAbsoluteError, 6), (double)json["metrics"]!["mae"]!, 9);
        var trace = json["trace"]!.AsArray();
        Assert.Equal(["Abduction", "Action", "Prediction", "Evaluation"], trace.Select(s => (string?)s!["name"]));
        Assert.Equal("rating", (string?)trace[0]!["calls"]![0]!["purpose"]);
        Assert.Contains(Question, (string?)trace[0]!["calls"]![0]!["prompt"]);
        Assert.NotNull(trace[0]!["calls"]![0]!["grammar"]);
        Assert.Equal(result.FinalResponse, (string?)trace[2]!["result"]!["rewritten"]);
    }

    [Fact]
    public async Task Report_writes_an_undefined_spearman_as_null()
    {
        // A uniform target has no ranking: Spearman is NaN, which JSON cannot hold.
        var request = new CounterfactualRequest(System, ValueObjective.Uniform(System, 3), Question, Response);
        var result = await new RawMethod(Model(), new CoupleOptions()).RunAsync(request);

        var json = JsonNode.Parse(CounterfactualReport.Serialize(CounterfactualReport.ToJson(result, request)))!;

        Assert.True(double.IsNaN(result.Evaluation!.Metrics.Spearman));
        Assert.Null(json["metrics"]!["spearman"]);
        Assert.NotNull(json["metrics"]!["mae"]);
        Assert.Null(json["profiles"]!["before"]);
    }
}
