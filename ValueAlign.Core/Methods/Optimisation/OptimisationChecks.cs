using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Core.Methods.Picaco.Conformity;
using ValueAlign.Core.Methods.Questionnaires;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// "Did it work?" runs for a finished optimisation, with the same model, judge and seed:
/// for PICACO one <see cref="ConformityMethod"/> run on the prompts the optimisation did not use
/// (Raw, Value Prompt and the instruction, rated 1–5 per value); for IROTE the questionnaire of the
/// trait's value system (PVQ for Schwartz values, MFQ for moral foundations, when the library has its
/// items) and the team's dilemmas, each once without and once with the reflection as system prompt.
/// </summary>
public sealed class OptimisationChecks(OptimisationRunReader reader, EvalRunService runs, IDbContextFactory<ValueAlignDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OptimisationCheck>> StartAsync(long optimisationRunId, string user, CancellationToken cancellationToken = default)
    {
        var view = await reader.ReadAsync(optimisationRunId, cancellationToken).ConfigureAwait(false)
            ?? throw new EvalRunException($"There is no optimisation run {optimisationRunId}.");
        if (view.Result is not { } result)
            throw new EvalRunException($"Optimisation run {optimisationRunId} has no result yet: wait for its first round.");
        var run = view.Run;
        EvalRunRequest Request(string method, ItemFilter filter, string parameters, string name, string? systemPrompt) =>
            new(run.ModelPath, method, filter, parameters, run.Seed, name)
            {
                Judge = run.JudgeLocation is { Length: > 0 } judge ? ModelChoice.Parse(judge) : null,
                SystemPrompt = systemPrompt,
            };

        if (view.Picaco is { } picaco)
        {
            var parameters = new Dictionary<string, object?>
            {
                ["values"] = picaco.Values[0].SystemId + ":" + string.Join(",", picaco.Values.Select(v => v.DimensionId)),
                ["instruction"] = result,
                ["exclude"] = picaco.Prompts.Select(p => long.Parse(p.Id, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                ["prompts"] = picaco.Prompts.Count,
            };
            var comparison = await runs.CreateAsync(Request(ConformityMethod.MethodId, ItemFilterJson.Deserialize(run.ItemFilterJson),
                System.Text.Json.JsonSerializer.Serialize(parameters), $"Held-out conformity of optimisation {run.Id}", null), user, cancellationToken).ConfigureAwait(false);
            return [new OptimisationCheck("Conformity on held-out prompts: Raw, Value Prompt, optimised", [comparison.Id])];
        }

        var trait = view.Irote!.Trait;
        var checks = new List<OptimisationCheck>();
        var inventory = await InventoryAsync(trait.SystemId, cancellationToken).ConfigureAwait(false);
        if (inventory is not null)
        {
            var filter = new ItemFilter { Kind = ItemKind.QuestionnaireItem, Category = inventory };
            var before = await runs.CreateAsync(Request(QuestionnaireMethod.MethodId, filter, "{}", $"{inventory} without reflection (optimisation {run.Id})", null), user, cancellationToken).ConfigureAwait(false);
            var after = await runs.CreateAsync(Request(QuestionnaireMethod.MethodId, filter, "{}", $"{inventory} with reflection (optimisation {run.Id})", result), user, cancellationToken).ConfigureAwait(false);
            checks.Add(new OptimisationCheck($"{inventory} profile before and after", [before.Id, after.Id]));
        }
        var dilemmas = new ItemFilter { Benchmark = DilemmaImporter.DefaultBenchmark };
        var without = await runs.CreateAsync(Request(DilemmaMethod.MethodId, dilemmas, "{}", $"Dilemmas without reflection (optimisation {run.Id})", null), user, cancellationToken).ConfigureAwait(false);
        var with = await runs.CreateAsync(Request(DilemmaMethod.MethodId, dilemmas, "{}", $"Dilemmas with reflection (optimisation {run.Id})", result), user, cancellationToken).ConfigureAwait(false);
        checks.Add(new OptimisationCheck("Moral dilemmas with and without the reflection", [without.Id, with.Id]));
        return checks;
    }

    /// <summary>The library's questionnaire inventory (category) for the value system, or null when it has none.</summary>
    private async Task<string?> InventoryAsync(string systemId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await db.BenchmarkItems.Where(i => i.Kind == ItemKind.QuestionnaireItem && i.Category != null)
            .Select(i => i.Category!).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return categories.Order(StringComparer.Ordinal).FirstOrDefault(c => Questionnaire.ForInventory(c)?.ValueSystemId == systemId);
    }
}

/// <summary>A check started for an optimisation: what it measures and its runs (two runs are compared side by side).</summary>
public sealed record OptimisationCheck(string Title, IReadOnlyList<long> RunIds)
{
    public string Link => RunIds.Count == 1 ? $"/runs/{RunIds[0]}" : "/runs/compare?ids=" + string.Join(",", RunIds);
}
