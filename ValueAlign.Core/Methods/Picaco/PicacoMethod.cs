using System.Globalization;
using System.Text;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// PICACO as an optimisation run of the engine. The selected items are the task prompts (N of them
/// drawn with the run's seed); each round is one unit (<c>round-01</c>, …) anchored on the first
/// prompt's item, so rounds are stored, cached and resumed like any unit. Round r reads rounds
/// 1..r−1 from the store and runs <see cref="PicacoOptimiser"/> for one round; rounds after the
/// instruction stopped changing are stored as skipped. The report draws the objective, alignment
/// and parroting per round; the artefacts are the best instruction (text; saved after every round as a checkpoint, final at completion) and the whole
/// optimisation as JSON (<see cref="PicacoDocument"/>). The judge is the run's judge (by default
/// the model itself).
/// </summary>
public sealed class PicacoMethod(ValueSystemCatalog systems, ValueSetCatalog sets, OptimisationRoundStore store, OptimisationProgressBoard board, RunArtefactStore artefacts) : IEvaluationMethod
{
    public const string MethodId = "picaco";

    public string Id => MethodId;

    public string DisplayName => "PICACO meta-instruction optimisation";

    public RunKind Kind => RunKind.Optimisation;

    /// <summary>Each round reads the rounds before it from the store.</summary>
    public bool UnitsBuildOnEarlierUnits => true;

    public ParameterSchema Parameters { get; } = PicacoParameters.Schema(sets);

    public IReadOnlySet<ItemKind> ItemKinds { get; } = Enum.GetValues<ItemKind>().ToHashSet();

    /// <summary>The model samples and scores log-likelihoods; the judge reads yes/no slots (its tokenizer and log-probs) and embeds.</summary>
    public MethodNeeds Needs(EvalSettings settings) =>
        new MethodNeeds(ModelCapabilities.Generation | ModelCapabilities.ContinuationLogLikelihood,
                ModelCapabilities.TopLogProbs | ModelCapabilities.Tokenization | ModelCapabilities.Embeddings)
            .WithAlternative(ModelCapabilities.ContinuationLogLikelihood, "a local GGUF or a server that returns prompt log-probs (the refinement objective is a log-likelihood)")
            .WithAlternative(ModelCapabilities.Embeddings, "a judge that embeds (parroting is a cosine of embeddings)");

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var parameters = PicacoParameters.Parse(settings, systems, sets);
        var chosen = PromptSelection.Choose(items, parameters.Prompts, settings.Seed);
        var payload = OptimisationJson.Serialize(chosen.Select(i => PromptSelection.ToPrompt(i, systems)).ToList());
        return Enumerable.Range(1, parameters.Settings.Rounds).Select(r => new EvalUnit(chosen[0], RoundUnits.Key(r), payload)).ToList();
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = PicacoParameters.Parse(context.Settings, systems, sets);
        var prompts = OptimisationJson.Deserialize<List<TaskPrompt>>(unit.Payload ?? throw new OptimisationException("The round has no prompts."));
        var round = RoundUnits.Round(unit.UnitKey) ?? throw new OptimisationException($"'{unit.UnitKey}' is not a round.");
        var finished = (await store.FinishedBeforeAsync(context.RunId, round, cancellationToken).ConfigureAwait(false))
            .TakeWhile(r => r.ParsedAnswer is not null)
            .Select(r => OptimisationJson.Deserialize<PicacoRound>(r.ParsedAnswer!)).ToList();
        if (finished.Count > 0 && (finished.Count < round - 1 || finished[^1].Converged))
        {
            // An earlier round converged: PICACO has stopped, the later rounds are recorded as skipped.
            var last = finished[^1];
            return new EvalUnitOutcome($"Skipped: {StopReason.Converged(last.Round)}.", last.Winner, null, new Dictionary<string, double> { ["skipped"] = 1 });
        }
        var setup = new PicacoSetup(parameters.Values, prompts, parameters.Settings with { Rounds = round });
        var result = await new PicacoOptimiser(context.Model, context.Judge)
            .RunAsync(setup, finished, progress: board.For(context.RunId, parameters.Settings.Rounds), cancellationToken: cancellationToken).ConfigureAwait(false);
        var done = result.Rounds[^1];
        var objective = done.WinnerObjective;
        var scores = new Dictionary<string, double>
        {
            ["objective"] = objective.Objective,
            ["alignment-term"] = objective.AlignmentTerm,
            ["parroting-term"] = objective.ParrotingTerm,
            ["sample-score"] = done.Sampled.MeanScore,
            ["sample-alignment"] = done.Sampled.MeanAlignment,
            ["sample-parroting"] = done.Sampled.MeanParroting,
            ["converged"] = done.Converged ? 1 : 0,
            ["candidates"] = done.Candidates.Count(c => c.Objective is not null),
            ["seconds"] = done.Elapsed.TotalSeconds,
        };
        if (context.RunId > 0)
        {
            // A checkpoint: the best so far is usable (copied, exported, reused) while the run goes on or after a cancel.
            await artefacts.SaveAsync(context.RunId, RunArtefactDraft.Text("instruction", done.Winner, $"PICACO meta-instruction, best after round {round}"), cancellationToken).ConfigureAwait(false);
        }
        return new EvalUnitOutcome($"Instruction: {done.Instruction}", done.Winner, OptimisationJson.Serialize(done), scores);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var document = Document(input);
        var rounds = document.Rounds;
        var labels = rounds.Select(r => "Round " + r.Round.ToString(CultureInfo.InvariantCulture)).ToList();
        var metrics = new List<ReportMetric>
        {
            new("rounds", "Rounds run", rounds.Count, N: document.Settings.Rounds),
            new("prompts", "Task prompts", document.Prompts.Count),
            new("converged", "Stopped because the instruction stopped changing", rounds.Count > 0 && rounds[^1].Converged ? 1 : 0),
        };
        var charts = new List<ReportChart>();
        var tables = new List<ReportTable>();
        if (rounds.Count > 0)
        {
            metrics.Add(new("final-objective", "Objective of the final instruction", ReportNumbers.Finite(rounds[^1].WinnerObjective.Objective)));
            metrics.Add(new("final-sample-alignment", "Mean alignment of responses in the last round", ReportNumbers.Finite(rounds[^1].Sampled.MeanAlignment)));
            metrics.Add(new("final-sample-parroting", "Mean parroting of responses in the last round", ReportNumbers.Finite(rounds[^1].Sampled.MeanParroting)));
            metrics.Add(new("seconds-per-round", "Seconds per round", rounds.Average(r => r.Elapsed.TotalSeconds)));
            charts.Add(new ReportChart("objective", "Refinement objective J(e) of the winning instruction per round", ReportChartKind.Bars, labels,
                [new ReportSeries("Objective", rounds.Select(r => ReportNumbers.Finite(r.WinnerObjective.Objective)).ToList())], "Round", "J(e)"));
            charts.Add(new ReportChart("alignment-parroting", "Responses sampled with the instruction: mean alignment and parroting", ReportChartKind.Bars, labels,
            [
                new ReportSeries("Alignment (geometric mean of p(conforms))", rounds.Select(r => ReportNumbers.Finite(r.Sampled.MeanAlignment)).ToList()),
                new ReportSeries("Parroting (cosine to the value descriptions)", rounds.Select(r => ReportNumbers.Finite(r.Sampled.MeanParroting)).ToList()),
            ], "Round", "Mean", Maximum: 1));
            tables.Add(new ReportTable("rounds", "Rounds",
                ["Round", "Instruction used", "Winner", "J(e)", "Aligned term", "Noisy term", "Mean alignment", "Mean parroting", "Seconds"],
                rounds.Select(r => (IReadOnlyList<string>)
                [
                    ReportNumbers.Cell(r.Round), r.Instruction, r.Winner, ReportNumbers.Cell(r.WinnerObjective.Objective), ReportNumbers.Cell(r.WinnerObjective.AlignmentTerm),
                    ReportNumbers.Cell(r.WinnerObjective.ParrotingTerm), ReportNumbers.Cell(r.Sampled.MeanAlignment), ReportNumbers.Cell(r.Sampled.MeanParroting), ReportNumbers.Cell(r.Elapsed.TotalSeconds, "0.0"),
                ]).ToList()));
            tables.Add(new ReportTable("candidates", "Every candidate instruction",
                ["Round", "Candidate", "Current", "J(e)", "Note"],
                rounds.SelectMany(r => r.Candidates.Select(c => (IReadOnlyList<string>)
                [
                    ReportNumbers.Cell(r.Round), c.Text, c.IsCurrent ? "yes" : "", c.Objective is { } o ? ReportNumbers.Cell(o.Objective) : "", c.Note ?? "",
                ])).ToList()));
        }
        tables.Add(new ReportTable("values", "Target values" + (document.ValueSet is { } set ? $" ({sets.Get(set).Name})" : ""),
            ["Value", "System", "Definition"], document.Values.Select(v => (IReadOnlyList<string>)[v.Name, v.SystemId, v.Definition]).ToList()));
        return new RunReport(MethodId, metrics, charts, tables);
    }

    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input)
    {
        var document = Document(input);
        if (document.Instruction is null) return [];
        return
        [
            RunArtefactDraft.Text("instruction", document.Instruction, $"PICACO meta-instruction for {string.Join(", ", document.Values.Select(v => v.Name))}"),
            new RunArtefactDraft("optimisation", ArtefactKind.Report, "application/json; charset=utf-8", "picaco-optimisation.json",
                Encoding.UTF8.GetBytes(OptimisationJson.Serialize(document)), "Every round: pools with per-value scores, candidates with objectives, the winner"),
        ];
    }

    /// <summary>The run's optimisation so far, from its stored rounds.</summary>
    public PicacoDocument Document(EvalRun run, IReadOnlyDictionary<long, BenchmarkItem> items, IEnumerable<EvalItemResult> results)
    {
        var settings = EvalParameters.Of(run);
        var parameters = PicacoParameters.Parse(settings, systems, sets);
        var prompts = PromptSelection.Choose(items.Values.ToList(), parameters.Prompts, run.Seed).Select(i => PromptSelection.ToPrompt(i, systems)).ToList();
        return PicacoDocument.FromResults(parameters, prompts, results);
    }

    private PicacoDocument Document(EvalSummaryInput input) => Document(input.Run, input.Items, input.Results);

}
