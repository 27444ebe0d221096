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

namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// IROTE as an optimisation run of the engine: the selected items are the task prompts (N drawn
/// with the run's seed), each round is one unit (<c>round-01</c>, …) that reads the earlier rounds
/// from the store and runs <see cref="IroteOptimiser"/> for one round. The trait scorer is the judge's
/// yes-slot (<see cref="JudgeTraitScorer"/>) or, for questionnaire items of the trait, the
/// questionnaire rule (<see cref="QuestionnaireTraitScorer"/>). Artefacts: the best reflection (text)
/// and the whole optimisation as JSON (<see cref="IroteDocument"/>).
/// </summary>
public sealed class IroteMethod(ValueSystemCatalog systems, OptimisationRoundStore store, OptimisationProgressBoard board, RunArtefactStore artefacts) : IEvaluationMethod
{
    public const string MethodId = "irote";

    public string Id => MethodId;

    public string DisplayName => "IROTE self-reflection optimisation";

    public RunKind Kind => RunKind.Optimisation;

    /// <summary>Each round reads the rounds before it from the store.</summary>
    public bool UnitsBuildOnEarlierUnits => true;

    public ParameterSchema Parameters => IroteParameters.Schema;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = Enum.GetValues<ItemKind>().ToHashSet();

    /// <summary>The model samples, scores log-likelihoods and tokenizes (the 50-token cap); a judge reads yes/no slots unless the questionnaire rule scores.</summary>
    public MethodNeeds Needs(EvalSettings settings) =>
        new MethodNeeds(ModelCapabilities.Generation | ModelCapabilities.ContinuationLogLikelihood | ModelCapabilities.Tokenization,
                IroteParameters.Parse(settings, systems).Scorer == IroteParameters.QuestionnaireScorer ? ModelCapabilities.None : ModelCapabilities.TopLogProbs | ModelCapabilities.Tokenization)
            .WithAlternative(ModelCapabilities.ContinuationLogLikelihood, "a local GGUF or a server that returns prompt log-probs (p_e is a likelihood)");

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var parameters = IroteParameters.Parse(settings, systems);
        var chosen = PromptSelection.Choose(items, parameters.Prompts, settings.Seed);
        var prompts = chosen.Select(i => PromptSelection.ToPrompt(i, systems)).ToList();
        if (parameters.Scorer == IroteParameters.QuestionnaireScorer)
        {
            var wrong = prompts.FirstOrDefault(p => p.Questionnaire?.DimensionId != parameters.Trait.DimensionId);
            if (wrong is not null)
                throw new ArgumentException($"The questionnaire rule scores questionnaire items of the trait '{parameters.Trait.Key}' only; item {wrong.Id} is not one (select that dimension's PVQ or MFQ items, or use the judge).");
        }
        var payload = OptimisationJson.Serialize(prompts);
        return Enumerable.Range(1, parameters.Settings.Rounds).Select(r => new EvalUnit(chosen[0], RoundUnits.Key(r), payload)).ToList();
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = IroteParameters.Parse(context.Settings, systems);
        var prompts = OptimisationJson.Deserialize<List<TaskPrompt>>(unit.Payload ?? throw new OptimisationException("The round has no prompts."));
        var round = RoundUnits.Round(unit.UnitKey) ?? throw new OptimisationException($"'{unit.UnitKey}' is not a round.");
        var finished = (await store.FinishedBeforeAsync(context.RunId, round, cancellationToken).ConfigureAwait(false))
            .Select(r => OptimisationJson.Deserialize<IroteRound>(r.ParsedAnswer ?? throw new OptimisationException($"Round {r.UnitKey} stored no round."))).ToList();
        ITraitScorer scorer = parameters.Scorer == IroteParameters.QuestionnaireScorer
            ? new QuestionnaireTraitScorer(parameters.Trait)
            : new JudgeTraitScorer(context.Judge, parameters.Trait);
        var setup = new IroteSetup(parameters.Trait, prompts, scorer, parameters.Settings with { Rounds = round });
        var result = await new IroteOptimiser(context.Model).RunAsync(setup, finished, progress: board.For(context.RunId, parameters.Settings.Rounds), cancellationToken: cancellationToken).ConfigureAwait(false);
        var done = result.Rounds[^1];
        var scores = new Dictionary<string, double>
        {
            ["best-r"] = done.Best.Evocativeness!.Value,
            ["mean-kept-r"] = done.MeanKeptEvocativeness,
            ["candidates"] = done.Candidates.Count(c => c.Evocativeness is not null),
            ["seconds"] = done.Elapsed.TotalSeconds,
        };
        if (context.RunId > 0)
        {
            // A checkpoint: the best so far is usable (copied, exported, reused) while the run goes on or after a cancel.
            await artefacts.SaveAsync(context.RunId, RunArtefactDraft.Text("reflection", done.Best.Text, $"IROTE self-reflection, best after round {round}"), cancellationToken).ConfigureAwait(false);
        }
        return new EvalUnitOutcome($"Trait: {parameters.Trait.Name}", done.Best.Text, OptimisationJson.Serialize(done), scores);
    }

    public RunReport Summarize(EvalSummaryInput input)
    {
        var document = Document(input.Run, input.Items, input.Results);
        var rounds = document.Rounds;
        var labels = rounds.Select(r => "Round " + r.Round.ToString(CultureInfo.InvariantCulture)).ToList();
        var metrics = new List<ReportMetric>
        {
            new("rounds", "Rounds run", rounds.Count, N: document.Settings.Rounds),
            new("prompts", "Task prompts", document.Prompts.Count),
        };
        var charts = new List<ReportChart>();
        var tables = new List<ReportTable>();
        if (rounds.Count > 0)
        {
            metrics.Add(new("best-r", "R(e) of the best reflection", ReportNumbers.Finite(rounds[^1].Best.Evocativeness!.Value)));
            metrics.Add(new("seconds-per-round", "Seconds per round", rounds.Average(r => r.Elapsed.TotalSeconds)));
            charts.Add(new ReportChart("evocativeness", "Evocativeness R(e) per round", ReportChartKind.Bars, labels,
            [
                new ReportSeries("Best", rounds.Select(r => ReportNumbers.Finite(r.Best.Evocativeness!.Value)).ToList()),
                new ReportSeries("Mean of kept", rounds.Select(r => ReportNumbers.Finite(r.MeanKeptEvocativeness)).ToList()),
            ], "Round", "R(e)"));
            tables.Add(new ReportTable("candidates", "Every candidate reflection",
                ["Round", "Reflection", "Origin", "R(e)", "Kept", "Note"],
                rounds.SelectMany(r => r.Candidates.Select(c => (IReadOnlyList<string>)
                [
                    ReportNumbers.Cell(r.Round), c.Text, c.Origin.ToString(), c.Evocativeness is { } e ? ReportNumbers.Cell(e) : "",
                    r.Kept.Any(k => k.Text == c.Text) ? "yes" : "", c.Note ?? "",
                ])).ToList()));
        }
        tables.Add(new ReportTable("trait", "Target trait", ["Trait", "System", "Definition", "Scorer"],
            [[document.Trait.Name, document.Trait.SystemId, document.Trait.Definition, document.Scorer]]));
        return new RunReport(MethodId, metrics, charts, tables);
    }

    public IReadOnlyList<RunArtefactDraft> Artefacts(EvalSummaryInput input)
    {
        var document = Document(input.Run, input.Items, input.Results);
        if (document.Reflection is null) return [];
        return
        [
            RunArtefactDraft.Text("reflection", document.Reflection, $"IROTE self-reflection for {document.Trait.Name}"),
            new RunArtefactDraft("optimisation", ArtefactKind.Report, "application/json; charset=utf-8", "irote-optimisation.json",
                Encoding.UTF8.GetBytes(OptimisationJson.Serialize(document)), "Every round: candidates with R(e), samples, behaviours, the kept reflections"),
        ];
    }

    public IroteDocument Document(EvalRun run, IReadOnlyDictionary<long, BenchmarkItem> items, IEnumerable<EvalItemResult> results)
    {
        var parameters = IroteParameters.Parse(EvalParameters.Of(run), systems);
        var prompts = PromptSelection.Choose(items.Values.ToList(), parameters.Prompts, run.Seed).Select(i => PromptSelection.ToPrompt(i, systems)).ToList();
        return IroteDocument.FromResults(parameters, prompts, results);
    }
}
