using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Values;
using Xunit.Abstractions;

namespace ValueAlign.Tests.Methods.Couple;

/// <summary>
/// The whole pipeline on the real tiny model ../shared/models/stories260K.gguf over Schwartz 10.
/// Its text is nonsense; what must hold is the grammar-constrained parsing, the digit slots being
/// read, the trace, and metrics in range.
/// </summary>
[Collection(StoriesModelCollection.Name)]
public sealed class StoriesPipelineTests(StoriesModelFixture fixture, ITestOutputHelper output)
{
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");

    // Short definitions and phrases keep every prompt plus its output inside the fixture's 2048-token context.
    // Threshold 0: continuous expectations never match the target exactly, so every step runs.
    private static readonly CoupleOptions Options = new() { DeviationThreshold = 0, DefinitionMaxLength = 30, ConceptMaxLength = 24, ResponseMaxTokens = 96 };

    private static CounterfactualRequest Request() => new(
        System,
        ValueObjective.FromVector(System, [2, 1, 3, 4, 1, 3, 2, 2, 5, 5]),
        "Should Lily share her toys?",
        "Lily was happy. She gave her ball to Tom because she wanted to be kind.");

    [Fact]
    public async Task Couple_runs_all_four_steps_with_parsed_ratings_and_metrics_in_range()
    {
        var result = await new CoupleMethod(fixture.Model, Options).RunAsync(Request());

        foreach (var step in result.Trace.Steps)
        {
            output.WriteLine($"{step.Name}: {step.Calls.Count} calls, {step.Elapsed.TotalMilliseconds:0} ms (calls: {string.Join(", ", step.Calls.Select(c => $"{c.Purpose} {c.Elapsed.TotalMilliseconds:0} ms"))})");
        }
        output.WriteLine($"MAE {result.Evaluation?.Metrics.MeanAbsoluteError:0.000}, Spearman {result.Evaluation?.Metrics.Spearman:0.000}");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Abduction", "Action", "Prediction", "Evaluation" }, result.Trace.Steps.Select(s => s.Name));
        foreach (var step in result.Trace.Steps)
        {
            Assert.NotEmpty(step.Calls);
            Assert.All(step.Calls, c => Assert.False(string.IsNullOrWhiteSpace(c.Prompt)));
            Assert.All(step.Calls, c => Assert.False(string.IsNullOrWhiteSpace(c.RawOutput)));
            Assert.True(step.Elapsed > TimeSpan.Zero);
            Assert.NotEqual("null", step.ParsedResult);
        }

        // The grammar leaves the model no freedom outside the digits: the raw rating output is the canonical layout.
        var rating = result.Trace.Steps[0].Calls[0];
        Assert.Equal(1, rating.Attempt);
        var fields = System.Dimensions.Select(d => new JsonField(d.Id, JsonFieldType.Rating1To5)).ToArray();
        var digits = result.Abduction!.Profile.Ratings.Select(r => r.GeneratedDigit).ToArray();
        Assert.Equal(PriorityAttributor.CanonicalJson(fields, digits).Json, rating.RawOutput);

        foreach (var profile in new[] { result.Abduction.Profile, result.Evaluation!.Profile })
        {
            Assert.Equal(System.Dimensions.Select(d => d.Id), profile.Ratings.Select(r => r.DimensionId));
            Assert.All(profile.Ratings, r =>
            {
                Assert.NotNull(r.Probabilities); // the digit slot was located and read
                Assert.Equal(1.0, r.Probabilities!.Sum(), 9);
                Assert.InRange(r.Expectation, 1.0, 5.0);
                Assert.InRange(r.Argmax, 1, 5);
                Assert.InRange(r.GeneratedDigit, 1, 5);
                Assert.InRange(r.DigitMass!.Value, 0.0, 1.0 + 1e-9);
            });
        }
        Assert.False(string.IsNullOrWhiteSpace(result.FinalResponse));
        Assert.NotEmpty(result.Action!.Interventions);
        var metrics = result.Evaluation.Metrics;
        // Recomputed from the recorded profiles: D over abduction's expectations, MAE over the evaluation's.
        var target = Request().Objective.InSystemOrder(System).Select(p => (double)p.Priority).ToArray();
        Assert.Equal(result.Abduction.Profile.Expectations.Select((e, i) => Math.Abs(e - target[i])).Sum(), result.Action.Deviation, 12);
        Assert.Equal(result.Evaluation.Profile.Expectations.Select((e, i) => Math.Abs(e - target[i])).Average(), metrics.MeanAbsoluteError, 12);
        Assert.All(result.Abduction.Profile.Ratings, r => Assert.Equal(Enumerable.Range(1, 5).Sum(d => d * r.Probabilities![d - 1]), r.Expectation, 9));
        // Spearman is NaN only for a constant profile; the target here is not constant.
        Assert.True(double.IsNaN(metrics.Spearman) || metrics.Spearman is >= -1 and <= 1);
    }

    [Fact]
    public async Task Every_method_yields_metrics_through_the_same_interface()
    {
        foreach (var method in CounterfactualMethods.All(fixture.Model, Options))
        {
            var result = await method.RunAsync(Request());
            Assert.True(result.Succeeded, $"{method.Name}: {string.Join(" | ", result.Errors)}");
            Assert.Equal("Evaluation", result.Trace.Steps[^1].Name);
            Assert.InRange(result.Evaluation!.Metrics.MeanAbsoluteError, 0.0, 4.0);
        }
    }

    [Fact]
    public async Task A_cancelled_run_stops_with_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CoupleMethod(fixture.Model, Options).RunAsync(Request(), cancel.Token));
    }
}
