using System.Text;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ as an evaluation method (<c>legal-delta</c>, methods.md): the model answers in reasoning
/// mode (raw completion of the item's instruction and case); the output is read with
/// <see cref="LegalFormat"/>; the gold answer's tokens are teacher-forced after prompt + reasoning
/// and after the direct (answer-only) prompt (<see cref="TeacherForcedGain"/>), giving the
/// information gain; the task score (<see cref="LegalTaskScore"/>) of the predicted answer and the
/// reward <see cref="LegalReward"/> follow. A unit is correct when its task score is the full 5.
/// </summary>
public sealed class LegalDeltaMethod : IEvaluationMethod
{
    public const string MethodId = "legal-delta";

    public string Id => MethodId;

    public string DisplayName => "LegalΔ reasoning gain";

    public ParameterSchema Parameters => LegalDeltaParameters.Schema;

    public IReadOnlySet<ItemKind> ItemKinds { get; } = new HashSet<ItemKind> { ItemKind.LegalReasoning };

    public IReadOnlyList<EvalUnit> Plan(IReadOnlyList<BenchmarkItem> items, EvalSettings settings)
    {
        LegalDeltaParameters.Of(settings);
        foreach (var item in items)
            LegalDeltaItem.From(item);
        return [.. items.OrderBy(i => i.Id).Select(i => new EvalUnit(i))];
    }

    public async Task<EvalUnitOutcome> RunAsync(EvalUnit unit, EvalContext context, CancellationToken cancellationToken)
    {
        var parameters = LegalDeltaParameters.Of(context.Settings);
        var item = LegalDeltaItem.From(unit.Item);
        var prompt = LegalDeltaPrompts.Reasoning(item);
        var generation = new GenerationOptions
        {
            Temperature = parameters.Temperature,
            MaxTokens = parameters.MaxTokens,
            Seed = unchecked((uint)context.Settings.Seed),
        };
        var text = new StringBuilder();
        await foreach (var piece in context.Model.CompleteAsync(prompt, generation, cancellationToken).ConfigureAwait(false))
            text.Append(piece);
        var output = text.ToString();
        var read = ReasoningOutput.Read(output);

        var gain = await TeacherForcedGain.MeasureAsync(context.Model, LegalDeltaPrompts.AfterReasoning(item, read.Reasoning),
            LegalDeltaPrompts.Direct(item), item.GoldText, cancellationToken).ConfigureAwait(false);
        var taskScore = LegalTaskScore.Of(item.Gold, read.Answer);
        var ig = gain.InformationGain;
        var reward = LegalReward.Of(taskScore, ig, read.FormatValid, parameters.FormatReward);
        var tokens = await TokenTextsAsync(context.Model, gain.AnswerTokens, cancellationToken).ConfigureAwait(false);
        var record = new LegalDeltaRecord(output, read.Reasoning, read.FormatValid,
            [.. gain.AnswerTokens.Select((t, i) => new LegalDeltaToken(t, tokens[i], gain.WithReasoning[i], gain.Direct[i]))]);
        var scores = new Dictionary<string, double>
        {
            ["task_score"] = taskScore,
            ["information_gain"] = ig,
            ["reward"] = reward,
            ["format_valid"] = read.FormatValid ? 1 : 0,
            ["mean_logprob_reasoning"] = gain.MeanWithReasoning,
            ["mean_logprob_direct"] = gain.MeanDirect,
        };
        return new EvalUnitOutcome(prompt, record.Serialize(), read.Answer?.Content, scores, Correct: taskScore >= LegalTaskScoreMax);
    }

    private const double LegalTaskScoreMax = 5;

    public RunReport Summarize(EvalSummaryInput input) => LegalDeltaReport.Build(input);

    /// <summary>Each token's text as the difference of successive prefix decodings, so multi-byte characters split over tokens still show.</summary>
    private static async Task<IReadOnlyList<string>> TokenTextsAsync(ILanguageModel model, IReadOnlyList<int> tokens, CancellationToken cancellationToken)
    {
        var texts = new List<string>(tokens.Count);
        var previous = "";
        for (var i = 0; i < tokens.Count; i++)
        {
            var decoded = await model.DetokenizeAsync(tokens.Take(i + 1).ToArray(), cancellationToken).ConfigureAwait(false);
            texts.Add(decoded.StartsWith(previous, StringComparison.Ordinal) ? decoded[previous.Length..] : decoded);
            previous = decoded;
        }
        return texts;
    }
}
