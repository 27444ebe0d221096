using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple;

/// <summary>The whole pipeline on a scripted model: the trace, the slots read, the threshold, retries, and cancellation.</summary>
public sealed class PipelineTests
{
    private const string Question = "Should the town build a factory in the forest?";
    private const string Response = "Yes, build it: jobs bring wealth and status, and we win.";
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");
    private static readonly CoupleOptions Options = new();

    private static ValueObjective Target() =>
        ValueObjective.FromVector(System, [.. System.Dimensions.Select(d => d.Id switch { "universalism" => 5, "benevolence" => 5, "power" => 1, _ => 3 })]);

    private static (ScriptedLanguageModel Model, CoupleScript Script) Scripted()
    {
        var script = new CoupleScript(System);
        script.Before = [.. System.Dimensions.Select(d => d.Id == "power" ? 5 : d.Id == "achievement" ? 4 : 2)];
        script.After = [.. System.Dimensions.Select(d => d.Id is "universalism" or "benevolence" ? 5 : d.Id == "power" ? 1 : 3)];
        script.Concepts["power"] = "wealth and status";
        script.Concepts["achievement"] = "we win";
        return (new ScriptedLanguageModel(script.Respond), script);
    }

    [Fact]
    public async Task Trace_records_four_steps_with_prompts_outputs_and_parsed_results()
    {
        var (model, _) = Scripted();
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Abduction", "Action", "Prediction", "Evaluation" }, result.Trace.Steps.Select(s => s.Name));
        var abduction = result.Trace.Steps[0];
        Assert.Equal(new[] { "rating", "concepts" }, abduction.Calls.Select(c => c.Purpose));
        Assert.All(abduction.Calls, c => Assert.Contains(Question, c.Prompt, StringComparison.Ordinal));
        Assert.All(abduction.Calls, c => Assert.NotNull(c.Grammar));
        Assert.StartsWith("{\"self-direction\": 2,", abduction.Calls[0].RawOutput, StringComparison.Ordinal);
        Assert.Contains("[[power: wealth and status]]", abduction.ParsedResult, StringComparison.Ordinal);
        Assert.Equal("We should care for everyone and share power.", result.Trace.Steps[2].RawOutput);
        Assert.Null(result.Trace.Steps[2].Calls[0].Grammar);
        Assert.Contains("\"MeanAbsoluteError\"", result.Trace.Steps[3].ParsedResult, StringComparison.Ordinal);

        // Expectation under 0.6 on the generated digit and 0.1 elsewhere is 0.5 * digit + 1.5.
        Assert.Equal(0.5 * 5 + 1.5, result.Abduction!.Profile["power"].Expectation, 12);
        Assert.Equal(5, result.Abduction.Profile["power"].Argmax);
        Assert.Equal("We should care for everyone and share power.", result.FinalResponse);
        Assert.False(result.AlreadyMeetsObjective);
    }

    [Fact]
    public async Task Metrics_compare_the_reattributed_expectations_with_the_target()
    {
        var (model, script) = Scripted();
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        var target = Target().InSystemOrder(System).Select(p => (double)p.Priority).ToArray();
        var expected = script.After.Select(d => 0.5 * d + 1.5).ToArray();
        var metrics = result.Evaluation!.Metrics;
        Assert.Equal(expected.Select((e, i) => Math.Abs(e - target[i])).Average(), metrics.MeanAbsoluteError, 12);
        // The re-attributed expectations are a monotone map of the target: same ranking.
        Assert.Equal(1.0, metrics.Spearman, 12);
    }

    [Fact]
    public async Task Digit_distributions_are_read_at_the_token_before_each_digit_in_one_call()
    {
        var (model, _) = Scripted();
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.True(result.Succeeded);
        Assert.Equal(2, model.LogProbCalls.Count); // abduction and evaluation
        var (tokens, positions, candidates) = model.LogProbCalls[0];
        Assert.Equal(ScriptedLanguageModel.Bos, tokens[0]);
        Assert.Equal(new[] { '1', '2', '3', '4', '5' }.Select(ScriptedLanguageModel.TokenOf), candidates);
        Assert.Equal(System.Dimensions.Count, positions.Count);
        var text = await model.DetokenizeAsync(tokens);
        for (var i = 0; i < positions.Count; i++)
        {
            var before = text[..positions[i]]; // tokens[0] is BOS, so token p is character p - 1
            Assert.EndsWith($"\"{System.Dimensions[i].Id}\": ", before, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Action_prompts_carry_graph_notes_only_with_the_graph()
    {
        var (withModel, _) = Scripted();
        var (withoutModel, _) = Scripted();
        var withGraph = await new CoupleMethod(withModel, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));
        var without = await new CoupleMethod(withoutModel, Options, useGraph: false).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.Equal("CoupleWithoutGraph", without.Method);
        Assert.Contains(withGraph.Trace.Steps[1].Calls, c => c.Prompt.Contains("which pushes this value down", StringComparison.Ordinal));
        Assert.DoesNotContain(without.Trace.Steps[1].Calls, c => c.Prompt.Contains("The consistent value", StringComparison.Ordinal) || c.Prompt.Contains("The opposing value", StringComparison.Ordinal));
        Assert.True(withGraph.Action!.UsedGraph);
        Assert.All(without.Action!.Interventions, i => Assert.Equal(0.0, i.Influence));
        var urgencies = withGraph.Action.Interventions.Select(i => i.Urgency).ToArray();
        Assert.Equal(urgencies.OrderDescending(), urgencies);
        Assert.Contains(withGraph.Trace.Steps[1].Calls, c => c.Purpose == "concept: power" && c.Prompt.Contains("\"wealth and status\"", StringComparison.Ordinal));
        Assert.Equal("a new phrase", withGraph.Action.Interventions.Single(i => i.DimensionId == "power").CounterfactualConcept);
    }

    [Fact]
    public async Task When_every_adjusted_shift_rounds_to_nothing_prediction_is_skipped_and_the_trace_says_why()
    {
        // Target 3 everywhere; the judge rates every dimension 3 for certain except power, read as
        // 0.6 on "3" and 0.4 on "4" (expectation 3.4). D = 0.4 exceeds the threshold 0.1, but power's
        // shift -0.4 is below the minimum shift 0.5 and every other dimension is at its target.
        var (model, _) = Scripted();
        model.LogProbsAfter = (read, _) => read.EndsWith("\"power\": ", StringComparison.Ordinal)
            ? [Math.Log(1e-12), Math.Log(1e-12), Math.Log(0.6), Math.Log(0.4), Math.Log(1e-12)]
            : [-40, -40, 0, -40, -40];
        var uniform = ValueObjective.FromVector(System, [.. System.Dimensions.Select(_ => 3)]);
        var options = Options with { DeviationThreshold = 0.1 };

        var result = await new CoupleMethod(model, options).RunAsync(new CounterfactualRequest(System, uniform, Question, Response));

        Assert.True(result.Succeeded);
        Assert.False(result.AlreadyMeetsObjective);
        Assert.True(result.Action!.NothingToRewrite);
        Assert.Equal(0.4, result.Action.Deviation, 6);
        Assert.Equal(Response, result.FinalResponse);
        Assert.Equal(new[] { "Abduction", "Action", "Prediction", "Evaluation" }, result.Trace.Steps.Select(s => s.Name));
        Assert.Empty(result.Trace.Steps[1].Calls); // no counterfactual concept
        Assert.Empty(result.Trace.Steps[2].Calls); // no rewrite
        Assert.Contains("Prediction skipped: the deviation 0.4 exceeds the threshold 0.1, but every adjusted shift is below the minimum shift 0.5 (largest: Power -0.4)", result.Trace.Steps[2].ParsedResult, StringComparison.Ordinal);
        Assert.DoesNotContain(model.Completions, c => c.Prompt.EndsWith("Rewritten response:\n", StringComparison.Ordinal));
        Assert.All(result.Action.Interventions, i => Assert.Equal(0.0, i.Influence));
        // The original is evaluated as attributed: MAE = 0.4 / 10.
        Assert.Equal(0.04, result.Evaluation!.Metrics.MeanAbsoluteError, 6);
    }

    [Fact]
    public async Task Without_the_scm_the_response_is_rewritten_directly_from_the_planned_shifts()
    {
        var (model, _) = Scripted();

        var result = await CounterfactualMethods.Create("couple-no-scm", model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.Equal("CoupleWithoutScm", result.Method);
        Assert.True(result.Succeeded);
        Assert.Equal(new[] { "Abduction", "Action", "Prediction", "Evaluation" }, result.Trace.Steps.Select(s => s.Name));
        Assert.Equal(new[] { "rating" }, result.Trace.Steps[0].Calls.Select(c => c.Purpose)); // no value concepts
        Assert.Empty(result.Trace.Steps[1].Calls); // no counterfactual concepts
        Assert.False(result.Action!.UsedGraph);
        Assert.All(result.Action.Interventions, i => Assert.Null(i.CounterfactualConcept));
        var rewrite = result.Trace.Steps[2].Prompt;
        Assert.StartsWith($"Question: {Question}\nOriginal response:\n{Response}\nRewrite the response so that it:\n", rewrite, StringComparison.Ordinal);
        // Power: the judge gives 5, expectation 0.5 * 5 + 1.5 = 4.0; target 1, shift -3.
        Assert.Contains("- strongly express less Power (now 4.0 of 5, target 1 of 5)\n", rewrite, StringComparison.Ordinal);
        Assert.DoesNotContain("[[", rewrite, StringComparison.Ordinal);
        Assert.DoesNotContain("e.g.", rewrite, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_within_the_threshold_is_not_rewritten()
    {
        var (model, script) = Scripted();
        script.Before = [.. Target().InSystemOrder(System).Select(p => p.Priority)];
        model.DigitLogProbs = digit => [.. Enumerable.Range(1, 5).Select(d => d == digit ? 0.0 : -40.0)];
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.True(result.AlreadyMeetsObjective);
        Assert.Equal(Response, result.FinalResponse);
        Assert.Equal(new[] { "Abduction", "Action", "Evaluation" }, result.Trace.Steps.Select(s => s.Name));
        Assert.Empty(result.Trace.Steps[1].Calls);
        Assert.Equal(0.0, result.Evaluation!.Metrics.MeanAbsoluteError, 9);
        Assert.DoesNotContain(model.Completions, c => c.Prompt.EndsWith("Rewritten response:\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deviation_above_the_threshold_triggers_the_rewrite()
    {
        var (model, script) = Scripted();
        script.Before = [.. Target().InSystemOrder(System).Select(p => p.Priority)];
        script.Before[0] = script.Before[0] == 5 ? 4 : script.Before[0] + 1; // one digit off by 1
        model.DigitLogProbs = digit => [.. Enumerable.Range(1, 5).Select(d => d == digit ? 0.0 : -40.0)];
        var strict = Options with { DeviationThreshold = 0.5 };
        var result = await new CoupleMethod(model, strict).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.Equal(1.0, result.Action!.Deviation, 9);
        Assert.False(result.AlreadyMeetsObjective);
        Assert.NotNull(result.Trace.Find("Prediction"));
    }

    [Fact]
    public async Task Malformed_rating_is_retried_under_a_stricter_grammar_and_then_recorded()
    {
        var (model, script) = Scripted();
        script.RatingOverrides[1] = "I would rather not say.";
        script.RatingOverrides[2] = "{\"self-direction\": 9}";
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.False(result.Succeeded);
        var abduction = Assert.Single(result.Trace.Steps);
        Assert.Equal(new[] { 1, 2 }, abduction.Calls.Select(c => c.Attempt));
        Assert.Contains("no JSON object", abduction.Calls[0].Error, StringComparison.Ordinal);
        Assert.Contains("Reply with exactly: {\"self-direction\": 1,", abduction.Calls[1].Prompt, StringComparison.Ordinal);
        Assert.Equal(0, model.Completions[1].Options.Temperature);
        var error = Assert.Single(result.Errors);
        Assert.Contains("malformed model output after a retry", error, StringComparison.Ordinal);
        Assert.Contains("\"self-direction\" is 9, outside 1..5", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_that_succeeds_leaves_no_error()
    {
        var (model, script) = Scripted();
        script.RatingOverrides[1] = "{\"self-direction\": 3}"; // missing fields
        var result = await new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Contains("missing field \"stimulation\"", result.Trace.Steps[0].Calls[0].Error, StringComparison.Ordinal);
        Assert.Equal(2, result.Trace.Steps[0].Calls[1].Attempt);
    }

    [Fact]
    public async Task Malformed_concepts_only_leave_the_response_unmarked()
    {
        var (model, _) = Scripted();
        var broken = new ScriptedLanguageModel((prompt, options) =>
            prompt.EndsWith("Value phrases as JSON:\n", StringComparison.Ordinal) ? "none" : model.CompleteAsync(prompt, options).ToBlockingEnumerable().Single());
        var result = await new CoupleMethod(broken, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response));

        Assert.True(result.Succeeded);
        Assert.Equal(Response, result.Abduction!.Exogenous.MarkedResponse);
        Assert.Contains(result.Errors, e => e.StartsWith("Abduction: concepts: malformed", StringComparison.Ordinal));
        var concepts = result.Trace.Steps[0].Calls.Where(c => c.Purpose == "concepts").ToArray();
        Assert.Contains("char{0,60}", concepts[0].Grammar, StringComparison.Ordinal);
        Assert.Contains("char{0,24}", concepts[1].Grammar, StringComparison.Ordinal); // the stricter retry grammar
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        var (model, _) = Scripted();
        using var cancel = new CancellationTokenSource();
        model.AfterCompletion = n =>
        {
            if (n == 3)
            {
                cancel.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, Target(), Question, Response), cancel.Token));
        Assert.Equal(3, model.Completions.Count);
    }

    [Fact]
    public async Task Baselines_run_through_the_same_interface()
    {
        var (model, _) = Scripted();
        var methods = CounterfactualMethods.All(model, Options);
        Assert.Equal(new[] { "Raw", "ValuePrompt", "Couple", "CoupleWithoutGraph", "CoupleWithoutScm" }, methods.Select(m => m.Name));

        var raw = await methods[0].RunAsync(new CounterfactualRequest(System, Target(), Question, Response));
        Assert.Equal(Response, raw.FinalResponse);
        Assert.Equal("Evaluation", Assert.Single(raw.Trace.Steps).Name);

        var valuePrompt = await methods[1].RunAsync(new CounterfactualRequest(System, Target(), Question, Response));
        Assert.Equal(new[] { "Generation", "Evaluation" }, valuePrompt.Trace.Steps.Select(s => s.Name));
        Assert.Contains("- Universalism: 5", valuePrompt.Trace.Steps[0].Prompt, StringComparison.Ordinal);
        Assert.Contains("- Power: 1", valuePrompt.Trace.Steps[0].Prompt, StringComparison.Ordinal);
        Assert.True(valuePrompt.Succeeded);

        var rawGenerated = await methods[0].RunAsync(new CounterfactualRequest(System, Target(), Question));
        Assert.Equal(new[] { "Generation", "Evaluation" }, rawGenerated.Trace.Steps.Select(s => s.Name));
        Assert.DoesNotContain("Power", rawGenerated.Trace.Steps[0].Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_objective_for_another_system_is_rejected()
    {
        var (model, _) = Scripted();
        var other = ValueObjective.Uniform(ValueSystemFiles.Shipped.Get("big-five"), 3);
        var error = await Assert.ThrowsAsync<InvalidObjectiveException>(() =>
            new CoupleMethod(model, Options).RunAsync(new CounterfactualRequest(System, other, Question, Response)));
        Assert.Contains("is for value system 'big-five', not 'schwartz-10'", error.Message, StringComparison.Ordinal);
    }
}
