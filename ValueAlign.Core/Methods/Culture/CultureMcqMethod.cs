using System.Globalization;
using System.Text;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// The MMA-ASIA culture MCQ protocol (methods.md): each item is one unit, or with
/// <c>circular</c> one unit per cyclic rotation of its options (CircularEval). In
/// <see cref="CultureMcqMode.Likelihood"/> mode every option is scored by LL(option | prompt)
/// through the shared-prompt fast path and the choice is the argmax of the total (accuracy) and of
/// the per-token mean (length-normalised accuracy). In <see cref="CultureMcqMode.Generate"/> mode
/// the model answers with a rationale, the letter is extracted, and the judge decides for correct
/// answers whether the rationale uses the item's knowledge points (grounding validity).
/// Scores are stored per original option letter, so units of different rotations and aligned
/// variants compare directly.
/// </summary>
public sealed class CultureMcqMethod : IEvaluationMethod
{
    public const string MethodId = "culture-mcq";

    /// <summary>JudgeLabel question key of the grounding verdict ("yes"/"no"). No label-schema question asks this of people.</summary>
    public const string GroundingQuestionKey = "rationale-uses-knowledge";

    public string Id => MethodId;

    public string DisplayName => "Culture MCQ (MMA-ASIA)";

    public int Version => 1;

    public ParameterSchema Parameters => CultureMcqParameters.Schema;

    /// <summary>
    /// Likelihood mode scores options by continuation log-likelihood (the alternative is generate
    /// mode: generate-then-extract); generate mode only generates, and its grounding verdict asks the judge.
    /// </summary>
    public MethodNeeds Needs(EvalSettings settings)
    {
        var parameters = CultureMcqParameters.From(settings);
        return parameters.Mode == CultureMcqMode.Likelihood
            ? new MethodNeeds(ModelCapabilities.ContinuationLogLikelihood)
                .WithAlternative(ModelCapabilities.ContinuationLogLikelihood, "set \"mode\": \"generate\" (generate-then-extract: the model writes its answer and the option letter is read from it)")
            : new MethodNeeds(ModelCapabilities.Generation, parameters.Grounding ? ModelCapabilities.Generation : ModelCapabilities.None);
    }

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.CultureMultipleChoice };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        var parameters = CultureMcqParameters.From(settings);
        var wrongKind = items.Where(i => i.Kind != ItemKind.CultureMultipleChoice).ToList();
        if (wrongKind.Count > 0)
            throw new ArgumentException($"culture-mcq evaluates culture multiple-choice items only; {wrongKind.Count} selected item(s) are not, e.g. {wrongKind[0].ExternalId} ({wrongKind[0].Kind}). Filter by kind CultureMultipleChoice.");
        var units = new List<EvalUnit>();
        foreach (var item in items)
        {
            var question = CultureQuestion.Of(item);
            if (!parameters.Circular)
                units.Add(new EvalUnit(item));
            else
                for (var k = 0; k < question.Options.Count; k++)
                    units.Add(new EvalUnit(item, RotationKey(k)));
        }
        return units;
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = CultureMcqParameters.From(context.Settings);
        var question = CultureQuestion.Of(unit.Item);
        var rotation = RotationOf(unit.UnitKey);
        var shown = OptionRotation.Rotate(question.Options, rotation);
        return parameters.Mode == CultureMcqMode.Likelihood
            ? await ScoreAsync(unit.Item, question, shown, rotation, context, cancellationToken).ConfigureAwait(false)
            : await GenerateAsync(unit.Item, question, shown, rotation, parameters, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report counts answers and scores; the prompts and raw outputs stay in the database.</summary>
    public bool SummaryReadsTexts => false;

    public RunReport Summarize(EvalSummaryInput input) => CultureMcqReport.Build(input, CultureMcqParameters.From(Settings(input.Run)));

    private static async Task<EvalUnitOutcome> ScoreAsync(
        BenchmarkItem item, CultureQuestion question, IReadOnlyList<string> shown, int rotation, EvalContext context, CancellationToken cancellationToken)
    {
        var images = await context.ImagesOfAsync(item, cancellationToken).ConfigureAwait(false);
        var text = CulturePrompt.Question(item, shown, withRationale: false, imageShown: images.Count > 0);
        var prompt = ItemImages.DescribePrompt(item, text, images.Count);
        var continuations = shown.Select((o, i) => CulturePrompt.Continuation(i, o)).ToList();
        var result = (await context.Model.ScoreChoicesAsync([new MultipleChoiceQuestion(text, continuations) { Images = images }], cancellationToken).ConfigureAwait(false))[0];
        // Rounding in the scorer can leave a sum a hair above zero for a near-certain option.
        var likelihoods = result.Options.Select(o => new OptionLikelihood(Math.Min(0, o.TotalLogLikelihood), Math.Max(1, o.TokenCount))).ToList();
        var shownChoice = LikelihoodChoice.ByTotal(likelihoods);
        var shownChoiceNorm = LikelihoodChoice.ByPerTokenMean(likelihoods);
        var choice = OptionRotation.OriginalIndex(shownChoice, rotation, shown.Count);
        var choiceNorm = OptionRotation.OriginalIndex(shownChoiceNorm, rotation, shown.Count);

        var scores = BaseScores(question, rotation, shownChoice, choice);
        scores["choice_norm"] = choiceNorm;
        var raw = new StringBuilder();
        for (var s = 0; s < shown.Count; s++)
        {
            var letter = CultureQuestion.Letter(OptionRotation.OriginalIndex(s, rotation, shown.Count));
            scores[$"ll_{letter}"] = likelihoods[s].TotalLogProb;
            scores[$"lln_{letter}"] = likelihoods[s].PerTokenMean;
            raw.Append(CultureInfo.InvariantCulture, $"{continuations[s]}  LL {likelihoods[s].TotalLogProb:0.###}  per token {likelihoods[s].PerTokenMean:0.###} ({likelihoods[s].TokenCount} tokens)\n");
        }
        if (question.AnswerIndex is { } answer)
            scores["correct_norm"] = choiceNorm == answer ? 1 : 0;
        return new EvalUnitOutcome(prompt, raw.ToString().TrimEnd(), CultureQuestion.Letter(choice), scores, question.AnswerIndex is { } a ? choice == a : null);
    }

    private static async Task<EvalUnitOutcome> GenerateAsync(
        BenchmarkItem item, CultureQuestion question, IReadOnlyList<string> shown, int rotation, CultureMcqParameters parameters,
        EvalContext context, CancellationToken cancellationToken)
    {
        var images = await context.ImagesOfAsync(item, cancellationToken).ConfigureAwait(false);
        var text = CulturePrompt.Question(item, shown, withRationale: true, imageShown: images.Count > 0);
        var prompt = ItemImages.DescribePrompt(item, text, images.Count);
        var trace = new CoupleTrace();
        var answerStep = trace.Begin("answer");
        var generation = GenerationOptions.Greedy(parameters.MaxTokens) with { Seed = unchecked((uint)context.Settings.Seed), StopStrings = ["\nQuestion:"] };
        var reply = await TextGeneration.GenerateAsync(context.Model, "answer", text, generation, answerStep, cancellationToken, images).ConfigureAwait(false);
        answerStep.Finish(reply);
        if (reply is null)
            return new EvalUnitOutcome(prompt, "", null, new Dictionary<string, double>(), null, string.Join("; ", trace.Errors));

        var shownChoice = AnswerLetterExtractor.Extract(reply, shown);
        int? choice = shownChoice is { } sc ? OptionRotation.OriginalIndex(sc, rotation, shown.Count) : null;
        var scores = BaseScores(question, rotation, shownChoice, choice);
        bool? correct = question.AnswerIndex is { } answer ? choice == answer : null;
        var raw = reply;
        var verdicts = new List<JudgeVerdict>();
        var knowledge = KnowledgePoints(item);
        // Grounding validity is defined over correct answers only, so only those are judged.
        if (parameters.Grounding && correct == true && knowledge.Count > 0)
        {
            var judgeStep = trace.Begin("grounding");
            var fields = new[] { new JsonField("uses_knowledge_points", JsonFieldType.Binary) };
            var values = await GuardedJsonSteps.For(context.Judge, new CoupleOptions()).GenerateAsync(
                "grounding judge", CulturePrompt.GroundingJudge(item, knowledge, reply), fields, judgeStep, cancellationToken).ConfigureAwait(false);
            var step = judgeStep.Finish(values);
            raw += "\n\n[grounding judge] " + step.RawOutput;
            if (values is not null)
            {
                var uses = values["uses_knowledge_points"].GetInt32() == 1;
                scores["grounded"] = uses ? 1 : 0;
                // One label per item and question (the agreement statistics require it): the
                // verdict on the item as first presented.
                if (rotation == 0)
                    verdicts.Add(new JudgeVerdict(GroundingQuestionKey, uses ? "yes" : "no"));
            }
            else
            {
                // The answer stands; only the verdict is missing, and the report counts such units.
                scores["grounding_failed"] = 1;
                raw += "\n[grounding judge error] " + string.Join("; ", step.Errors);
            }
        }
        return new EvalUnitOutcome(prompt, raw, choice is { } c ? CultureQuestion.Letter(c) : null, scores, correct) { JudgeVerdicts = verdicts };
    }

    private static Dictionary<string, double> BaseScores(CultureQuestion question, int rotation, int? shownChoice, int? choice)
    {
        var scores = new Dictionary<string, double> { ["rotation"] = rotation };
        if (question.AnswerIndex is { } answer)
            scores["answer"] = answer;
        if (shownChoice is { } s)
            scores["shown_choice"] = s;
        if (choice is { } c)
            scores["choice"] = c;
        if (question.AnswerIndex is { } a)
            scores["correct"] = choice == a ? 1 : 0;
        return scores;
    }

    private static IReadOnlyList<string> KnowledgePoints(BenchmarkItem item) =>
        string.IsNullOrWhiteSpace(item.KnowledgePointsJson) ? [] : JsonSerializer.Deserialize<List<string>>(item.KnowledgePointsJson) ?? [];

    internal static string RotationKey(int rotation) => $"rot{rotation}";

    internal static int RotationOf(string unitKey) =>
        unitKey.Length == 0 ? 0
        : unitKey.StartsWith("rot", StringComparison.Ordinal) && int.TryParse(unitKey.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k
        : throw new ArgumentException($"Unknown culture-mcq unit key '{unitKey}'.");

    private static EvalSettings Settings(EvalRun run)
    {
        using var document = JsonDocument.Parse(run.ParametersJson);
        return new EvalSettings(document.RootElement.Clone(), run.Seed, run.TextOnly);
    }
}
