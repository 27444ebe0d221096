using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>One side of <see cref="CultureParityBenchmark"/>: the model as runs name it and its best run time.</summary>
public sealed record CultureParitySide(string Model, int Units, double Seconds)
{
    public double ItemsPerSecond => Units / Seconds;
}

/// <summary>
/// Two ways to the same model on the same culture questions: <see cref="Compared"/> units
/// (item × rotation, over every seed run), of which <see cref="Identical"/> chose the same option;
/// <see cref="Differences"/> names the others.
/// </summary>
public sealed record CultureParityResult(CultureParitySide InProcess, CultureParitySide Endpoint, int Compared, int Identical, IReadOnlyList<string> Differences)
{
    /// <summary>Endpoint items/s over in-process items/s.</summary>
    public double Ratio => Endpoint.ItemsPerSecond / InProcess.ItemsPerSecond;
}

/// <summary>
/// Culture-MCQ in likelihood mode (CircularEval) through the run engine twice per seed: once on a
/// model in this process and once on the same model behind an OpenAI-compatible endpoint, with the
/// same items, seed and parameters. Answers are compared unit by unit; the time is the best of the
/// timed seeds after a warm-up seed (each seed is a new configuration, so the result cache
/// cannot answer). The items must be in the database the services use.
/// </summary>
public static class CultureParityBenchmark
{
    public const string Parameters = "{\"mode\":\"likelihood\",\"circular\":true}";

    public static async Task<CultureParityResult> RunAsync(
        IServiceProvider services, ModelChoice inProcess, ModelChoice endpoint, int timedRuns = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timedRuns, 1);
        var runs = services.GetRequiredService<EvalRunService>();
        var runner = services.GetRequiredService<JobRunner>();
        var filter = new ItemFilter { Kind = ItemKind.CultureMultipleChoice };
        double localBest = double.MaxValue, remoteBest = double.MaxValue;
        int localUnits = 0, remoteUnits = 0, compared = 0, identical = 0;
        var differences = new List<string>();
        for (var seed = 0; seed <= timedRuns; seed++)
        {
            var (local, localSeconds) = await TimedRunAsync(inProcess, seed).ConfigureAwait(false);
            var (remote, remoteSeconds) = await TimedRunAsync(endpoint, seed).ConfigureAwait(false);
            if (seed > 0)
            {
                localBest = Math.Min(localBest, localSeconds);
                remoteBest = Math.Min(remoteBest, remoteSeconds);
            }
            (localUnits, remoteUnits) = (local.UnitCount, remote.UnitCount);
            var localAnswers = await AnswersAsync(local.Id).ConfigureAwait(false);
            var remoteAnswers = await AnswersAsync(remote.Id).ConfigureAwait(false);
            foreach (var (unit, answer) in localAnswers)
            {
                compared++;
                var found = remoteAnswers.TryGetValue(unit, out var other);
                if (found && answer.Error is null && other.Error is null && answer.Choice == other.Choice)
                    identical++;
                else
                    differences.Add($"seed {seed}, item {unit.ItemId} {unit.UnitKey}: in process {answer.Choice ?? answer.Error}, endpoint {(found ? other.Choice ?? other.Error : "missing")}");
            }
        }
        return new CultureParityResult(
            new CultureParitySide(inProcess.ToString(), localUnits, localBest), new CultureParitySide(endpoint.ToString(), remoteUnits, remoteBest),
            compared, identical, differences);

        async Task<(EvalRun Run, double Seconds)> TimedRunAsync(ModelChoice model, int seed)
        {
            var run = await runs.CreateAsync(new EvalRunRequest(model.ToString(), CultureMcqMethod.MethodId, filter, Parameters, seed, $"parity {seed} {model}"),
                "bench", cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            var state = await runner.RunAsync(run.JobId!.Value, cancellationToken).ConfigureAwait(false);
            var seconds = watch.Elapsed.TotalSeconds;
            if (state != JobState.Completed)
                throw new InvalidOperationException($"The run on {model} ended {state?.ToString() ?? "without running"}.");
            return (run, seconds);
        }

        async Task<Dictionary<(long ItemId, string UnitKey), (string? Choice, string? Error)>> AnswersAsync(long runId)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var rows = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId)
                .Select(r => new { r.ItemId, r.UnitKey, r.ParsedAnswer, r.Error }).ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.ToDictionary(r => (r.ItemId, r.UnitKey), r => (r.ParsedAnswer, r.Error));
        }
    }
}
