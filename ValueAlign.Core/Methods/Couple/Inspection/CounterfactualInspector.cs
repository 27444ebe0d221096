using System.Runtime.CompilerServices;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>The models of an inspection: the one that writes and rewrites, and the judge (null: the model judges itself).</summary>
public sealed record InspectionModels(ILanguageModel Model, ILanguageModel? Judge = null)
{
    public ILanguageModel Judging => Judge ?? Model;
}

/// <summary>The original's attribution: the profile, or null with the judge's errors when its output stayed malformed.</summary>
public sealed record OriginalAttribution(AttributedProfile? Profile, IReadOnlyList<string> Errors);

/// <summary>
/// Counterfactual inspection in one place, used by the <c>/counterfactuals</c> page, the
/// <c>counterfactual</c> verb and the batch study so the three behave the same: the original
/// response, its attribution, a method run with before and after metrics and the word diff
/// (<see cref="CounterfactualInspection"/>). The method catalogue is <see cref="CounterfactualMethodCatalog"/>.
/// </summary>
public sealed class CounterfactualInspector(CoupleOptions options)
{
    public CounterfactualInspector()
        : this(new CoupleOptions())
    {
    }

    /// <summary>The model's own answer to <paramref name="question"/>, piece by piece (the original response to align).</summary>
    public async IAsyncEnumerable<string> AnswerAsync(ILanguageModel model, string question, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var settings = options.Generation with { MaxTokens = options.ResponseMaxTokens };
        await foreach (var piece in model.CompleteAsync(CouplePrompts.Answer(question.Trim()), settings, cancellationToken).ConfigureAwait(false))
        {
            yield return piece;
        }
    }

    /// <summary>Attributes the priorities the judge reads in (question, response), as the "Attribution" step.</summary>
    public async Task<OriginalAttribution> AttributeAsync(
        ILanguageModel judge, ValueSystem system, string question, string response,
        IProgress<CounterfactualProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var step = new CoupleTrace(progress).Begin("Attribution");
        var profile = await new PriorityAttributor(judge, options).AttributeAsync(system, question, response, step, cancellationToken).ConfigureAwait(false);
        var finished = step.Finish(profile);
        return new OriginalAttribution(profile, finished.Errors);
    }

    /// <summary>The name of method <paramref name="key"/> as results carry it (Couple, ValuePrompt, ...).</summary>
    public string MethodName(string key, InspectionModels models) => CounterfactualMethods.Create(key, models.Model, options, models.Judge).Name;

    /// <summary>
    /// Runs method <paramref name="key"/> on <paramref name="request"/>. <paramref name="originalProfile"/>
    /// (an earlier attribution of the original) gives a baseline its "before"; COUPLE's own abduction wins.
    /// </summary>
    public async Task<CounterfactualInspection> InspectAsync(
        string key, InspectionModels models, CounterfactualRequest request, AttributedProfile? originalProfile = null, CancellationToken cancellationToken = default)
    {
        var method = CounterfactualMethods.Create(key, models.Model, options, models.Judge);
        var result = await method.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return CounterfactualInspection.Of(request, result, originalProfile);
    }

    /// <summary>Runs method <paramref name="key"/> on every item in order; <paramref name="starting"/> hears the index of each item as it starts.</summary>
    public async Task<IReadOnlyList<CounterfactualInspection>> InspectItemsAsync(
        string key, InspectionModels models, ValueSystem system, Values.Objectives.ValueObjective objective, IReadOnlyList<InspectionItem> items,
        IProgress<CounterfactualProgress>? progress = null, Action<int>? starting = null, CancellationToken cancellationToken = default)
    {
        var inspections = new List<CounterfactualInspection>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            starting?.Invoke(i);
            var request = new CounterfactualRequest(system, objective, items[i].Question, items[i].Response, progress);
            inspections.Add(await InspectAsync(key, models, request, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        return inspections;
    }
}
