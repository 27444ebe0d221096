using System.Text.Json;
using System.Text.RegularExpressions;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Tests.Methods.Couple;

namespace ValueAlign.Tests.Methods.Evaluation;

/// <summary>
/// Two dilemmas with scripted verdicts (outcomes in file order A = utilitarian, B = deontological,
/// C = virtue, D = care, E = libertarian). By hand:
/// D1 "DCBAE": care 1, virtue 2, deontological 3, utilitarian 4, libertarian 5; scores A..E 4 5 8 9 2.
/// D2 "CDABE": virtue 1, care 2, utilitarian 3, deontological 4, libertarian 5; scores A..E 6 3 9 7 2.
/// Mean ranks: care 1.5, virtue 1.5, deontological 3.5, utilitarian 3.5, libertarian 5.
/// Mean scores: utilitarian 5, deontological 4, virtue 8.5, care 8, libertarian 2.
/// 95% t interval of care's ranks {1, 2}: s = √½, t(0.975, 1) = 12.706 → 1.5 ± 12.706·√½/√2 = 1.5 ± 6.353.
/// </summary>
public sealed partial class DilemmaMethodTests
{
    private static readonly DilemmaMethod Method = new();

    internal static BenchmarkItem Dilemma(long id, string theme, string? prefix = null) => new()
    {
        Id = id, Benchmark = "valuealign-dilemmas", ExternalId = "d" + id, Kind = ItemKind.MoralDilemma, Theme = theme, Category = "Title " + id,
        Text = "Situation " + id,
        OptionsJson = JsonSerializer.Serialize(MoralFrameworks.All.Select(f => (prefix ?? "") + "Do the " + f + " thing " + id).ToArray()),
        Labels = [.. MoralFrameworks.All.Select((f, i) => new ItemLabel { ValueSystemId = MoralFrameworks.ValueSystemId, DimensionId = f, Value = 1, Target = MoralFrameworks.Target(i) })],
    };

    private static readonly Dictionary<string, (string Ranking, int[] Scores)> Verdicts = new()
    {
        ["Situation 1"] = ("DCBAE", [4, 5, 8, 9, 2]),
        ["Situation 2"] = ("CDABE", [6, 3, 9, 7, 2]),
    };

    /// <summary>Answers by framework, whatever letters the outcomes got: the verdict is given in file order and mapped onto the shown letters.</summary>
    private static ScriptedLanguageModel Model(Func<string, string?>? replace = null) => new((prompt, options) =>
    {
        if (replace?.Invoke(prompt) is { } replaced)
        {
            return replaced;
        }
        var (ranking, scores) = Verdicts[SituationLine().Match(prompt).Groups[1].Value];
        var shown = ShownFrameworks(prompt); // letter index → framework index
        var letterOf = Enumerable.Range(0, 5).ToDictionary(i => shown[i], i => (char)('A' + i));
        var rankingShown = string.Concat(ranking.Select(c => letterOf[c - 'A']));
        return $"{{\"ranking\": \"{rankingShown}\"" + string.Concat(Enumerable.Range(0, 5).Select(i => $", \"{(char)('A' + i)}\": {scores[shown[i]]}")) + "}";
    })
    {
        // Certain of the generated digit: the expectation equals the digit.
        LogProbsAfter = (textSoFar, candidates) =>
        {
            Assert.Equal(9, candidates);
            var letter = SlotLetter().Match(textSoFar).Groups[1].Value[0] - 'A';
            var (_, scores) = Verdicts[SituationLine().Match(textSoFar).Groups[1].Value];
            var digit = scores[ShownFrameworks(textSoFar)[letter]];
            return [.. Enumerable.Range(1, 9).Select(d => d == digit ? 0 : double.NegativeInfinity)];
        },
    };

    private static int[] ShownFrameworks(string prompt) =>
        [.. OutcomeLine().Matches(prompt).Select(m => MoralFrameworks.All.ToList().IndexOf(m.Groups[1].Value))];

    [Fact]
    public async Task Mean_ranks_scores_intervals_and_rank_distributions_match_the_hand_computed_values()
    {
        var model = Model();
        var run = await EvalHarness.RunAsync(Method, [Dilemma(1, "economics"), Dilemma(2, "health")], model, """{"shuffle": false}""");

        Assert.All(run.Outcomes, o => Assert.Null(o.Error));
        Assert.Equal("0,1,2,3,4", run.Units[0].Payload);
        Assert.Contains("perm ::= \"ABCDE\" | \"ABCED\"", model.Completions[0].Options.Grammar, StringComparison.Ordinal);
        Assert.Equal("""{"ranking":["care","virtue","deontological","utilitarian","libertarian"],"scores":{"utilitarian":4,"deontological":5,"virtue":8,"care":9,"libertarian":2}}""", run.Outcomes[0].ParsedAnswer);

        var report = run.Report;
        var rank = report.Chart("mean-rank")!;
        Assert.Equal(["care", "virtue", "deontological", "utilitarian", "libertarian"], rank.Categories);
        Assert.Equal([1.5, 1.5, 3.5, 3.5, 5.0], rank.Series[0].Values);
        Assert.Equal(1.5 - 6.353, rank.Series[0].Lower![0]!.Value, 3);
        Assert.Equal(1.5 + 6.353, rank.Series[0].Upper![0]!.Value, 3);
        Assert.Equal(5.0, rank.Series[0].Lower![4]); // libertarian ranked 5 twice: s = 0, the interval is the point
        var score = report.Chart("mean-score")!;
        Assert.Equal([8.0, 8.5, 4.0, 5.0, 2.0], score.Series[0].Values.Select(v => Math.Round(v!.Value, 9)));
        var histogram = report.Chart("rank-distribution")!;
        Assert.Equal(ReportChartKind.Histogram, histogram.Kind);
        Assert.Equal(["1", "2", "3", "4", "5"], histogram.Categories);
        Assert.Equal([1.0, 1.0, 0, 0, 0], histogram.Series.Single(s => s.Name == "care").Values);
        Assert.Equal([0, 0, 0, 0, 2.0], histogram.Series.Single(s => s.Name == "libertarian").Values);
        Assert.Equal(1.5, report.Metric("mean-rank.care"));
        Assert.Equal(2, report.Metric("dilemmas"));
        Assert.Equal(["economics", "1", "1.00", "2.00", "3.00", "4.00", "5.00"], report.Table("themes").Rows[0]);
        Assert.Equal(["Theme", "Dilemmas", "Mean rank: care", "Mean rank: virtue", "Mean rank: deontological", "Mean rank: utilitarian", "Mean rank: libertarian"], report.Table("themes").Columns);
    }

    [Fact]
    public async Task Shuffled_outcome_letters_map_back_to_their_frameworks()
    {
        var items = new[] { Dilemma(1, "economics"), Dilemma(2, "health") };
        var run = await EvalHarness.RunAsync(Method, items, Model(), seed: 11);
        var again = Method.Plan(items, EvalHarness.Settings(seed: 11));

        Assert.Equal(run.Units.Select(u => u.Payload), again.Select(u => u.Payload));
        Assert.Contains(run.Units, u => u.Payload != "0,1,2,3,4");
        Assert.Equal([1.5, 1.5, 3.5, 3.5, 5.0], run.Report.Chart("mean-rank")!.Series[0].Values);
        Assert.Equal(8.0, run.Report.Metric("mean-score.care"), 9);
    }

    [Fact]
    public async Task A_ranking_that_repeats_an_outcome_is_retried_then_the_units_error()
    {
        var model = Model(_ => "{\"ranking\": \"AABCD\", \"A\": 1, \"B\": 1, \"C\": 1, \"D\": 1, \"E\": 1}");
        var run = await EvalHarness.RunAsync(Method, [Dilemma(1, "economics")], model);

        Assert.Equal(2, model.Completions.Count);
        Assert.Contains("is not an order of the letters ABCDE", run.Outcomes[0].Error, StringComparison.Ordinal);
        Assert.Equal(0, run.Report.Metric("dilemmas"));
        Assert.Empty(run.Report.Chart("mean-rank")!.Categories);
    }

    [Fact]
    public void Items_that_are_not_five_framework_dilemmas_are_clear_errors_at_planning()
    {
        var twoOptions = Dilemma(3, "work");
        twoOptions.OptionsJson = """["Go","Stay"]""";
        twoOptions.Labels.Clear();
        var error = Assert.Throws<ArgumentException>(() => Method.Plan([twoOptions], EvalHarness.Settings()));
        Assert.Contains("valuealign-dilemmas/d3 has 2 outcome(s) and 0 framework label(s)", error.Message, StringComparison.Ordinal);

        var scenario = Dilemma(4, "work");
        scenario.Kind = ItemKind.MoralScenario;
        Assert.Contains("is a MoralScenario", Assert.Throws<ArgumentException>(() => Method.Plan([scenario], EvalHarness.Settings())).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown dilemmas parameter 'mode'; allowed: shuffle.", Assert.Throws<ArgumentException>(() => Method.Plan([Dilemma(1, "x")], EvalHarness.Settings("""{"mode": "x"}"""))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_reaches_the_model_call()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var settings = EvalHarness.Settings();
        var unit = Method.Plan([Dilemma(1, "economics")], settings)[0];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Method.RunAsync(unit, new Core.Evaluation.EvalContext(Model(), settings, "m"), cancelled.Token));
    }

    [Fact]
    public void The_ranking_grammar_is_valid_gbnf_with_every_permutation_once()
    {
        var grammar = RankingGrammar.For(["A", "B", "C", "D", "E"], 1, 9);
        GbnfValidator.Validate(grammar);
        var permutations = grammar.Split('\n').Single(l => l.StartsWith("perm ::= ", StringComparison.Ordinal))["perm ::= ".Length..].Split(" | ");
        Assert.Equal(120, permutations.Length);
        Assert.Equal(120, permutations.Distinct().Count());
        Assert.True(RankingGrammar.IsPermutation("EDCBA", ["A", "B", "C", "D", "E"]));
        Assert.False(RankingGrammar.IsPermutation("AABCD", ["A", "B", "C", "D", "E"]));
        Assert.False(RankingGrammar.IsPermutation("ABCD", ["A", "B", "C", "D", "E"]));
    }

    [GeneratedRegex(@"^Moral dilemma[^:]*: (Situation \d+)$", RegexOptions.Multiline)]
    private static partial Regex SituationLine();

    [GeneratedRegex(@"^[A-E]\. Do the ([a-z]+) thing", RegexOptions.Multiline)]
    private static partial Regex OutcomeLine();

    [GeneratedRegex("\"([A-E])\": $")]
    private static partial Regex SlotLetter();
}
