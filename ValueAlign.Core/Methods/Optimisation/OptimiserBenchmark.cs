using System.Diagnostics;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Wall time per round of each optimiser on a loaded model, for several numbers of task prompts N,
/// with the papers' sizes scaled down (<see cref="PicacoSizes"/>, <see cref="IroteSizes"/>). The model
/// judges itself. For <c>bench optimise</c>.
/// </summary>
public static class OptimiserBenchmark
{
    public static PicacoSettings PicacoSizes(int rounds, int seed) => new()
    {
        Rounds = rounds, AlignedPoolSize = 2, NoisyPoolSize = 2, Candidates = 2, MaxResponseTokens = 32, MaxInstructionTokens = 32, Seed = seed,
    };

    public static IroteSettings IroteSizes(int rounds, int seed) => new()
    {
        Rounds = rounds, Candidates = 3, Behaviours = 1, Samples = 2, Keep = 2, MaxResponseTokens = 32, Seed = seed,
    };

    public static async Task<IReadOnlyList<OptimiserTiming>> RunAsync(
        ILanguageModel model, string method, IReadOnlyList<TargetValue> values, TargetValue trait, IReadOnlyList<TaskPrompt> prompts,
        IReadOnlyList<int> promptCounts, int rounds, int seed, CancellationToken cancellationToken)
    {
        var timings = new List<OptimiserTiming>();
        foreach (var n in promptCounts)
        {
            if (n < 1 || n > prompts.Count) throw new ArgumentException($"N = {n} is outside 1..{prompts.Count} (the prompts available).");
            var chosen = prompts.Take(n).ToList();
            var clock = Stopwatch.StartNew();
            IReadOnlyList<double> perRound;
            if (method == PicacoMethod.MethodId)
            {
                var result = await new PicacoOptimiser(model, model).RunAsync(new PicacoSetup(values, chosen, PicacoSizes(rounds, seed)), [], cancellationToken: cancellationToken).ConfigureAwait(false);
                perRound = result.Rounds.Select(r => r.Elapsed.TotalSeconds).ToList();
            }
            else
            {
                var result = await new IroteOptimiser(model).RunAsync(new IroteSetup(trait, chosen, new JudgeTraitScorer(model, trait), IroteSizes(rounds, seed)), [], cancellationToken: cancellationToken).ConfigureAwait(false);
                perRound = result.Rounds.Select(r => r.Elapsed.TotalSeconds).ToList();
            }
            timings.Add(new OptimiserTiming(method, n, perRound, perRound.Average(), clock.Elapsed.TotalSeconds));
        }
        return timings;
    }
}

/// <summary>Seconds of each round run for N prompts (PICACO may stop early when its instruction does not change).</summary>
public sealed record OptimiserTiming(string Method, int Prompts, IReadOnlyList<double> SecondsPerRound, double MeanSecondsPerRound, double TotalSeconds);
