using System.Diagnostics;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// PICACO: finds a meta-instruction e that, put before a task prompt x, makes the model's answers
/// conform to all K target values at once without parroting their descriptions. Each round:
/// <list type="number">
/// <item>Response enhancement: per prompt, responses sampled with e are scored
/// (<see cref="ResponseScore"/>) and the best M1 kept in the aligned pool; responses sampled without e
/// are scored and the M2 most parroting kept in the noisy pool. Pools accumulate across rounds
/// (<see cref="ResponsePools"/>).</item>
/// <item>Instruction refinement: the model proposes new instructions from the current one and pool
/// examples; the current one and every proposal are scored by <see cref="RefinementObjective"/> with
/// log-likelihoods from the model; the highest wins (ties: the current one, then proposal order).</item>
/// </list>
/// It stops after T rounds or when the winner is the current instruction. Every sampling seed is
/// derived from the run seed and the sample's place (<see cref="SampleSeed"/>), so a run resumed from
/// its finished rounds continues exactly as an uninterrupted one.
/// </summary>
public sealed class PicacoOptimiser(ILanguageModel model, ILanguageModel judge)
{
    private const int ExamplesPerKind = 2;

    public async Task<PicacoResult> RunAsync(
        PicacoSetup setup,
        IReadOnlyList<PicacoRound> finished,
        Func<PicacoRound, CancellationToken, Task>? roundFinished = null,
        IProgress<OptimisationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        setup.Validate();
        for (var i = 0; i < finished.Count; i++)
        {
            if (finished[i].Round != i + 1) throw new OptimisationException($"Finished rounds must be numbered 1..n; round {i + 1} is numbered {finished[i].Round}.");
        }
        var settings = setup.Settings;
        var rounds = finished.ToList();
        var instruction = rounds.Count == 0 ? settings.InitialInstruction.Trim() : rounds[^1].Winner;
        var pools = setup.Prompts.ToDictionary(p => p.Id, p => PromptPools.Empty(p.Id), StringComparer.Ordinal);
        if (rounds.Count > 0)
        {
            foreach (var pool in rounds[^1].Pools)
            {
                if (!pools.ContainsKey(pool.PromptId)) throw new OptimisationException($"The finished rounds hold prompt '{pool.PromptId}', which is not among the task prompts; resume with the same prompts.");
                pools[pool.PromptId] = pool;
            }
            if (rounds[^1].Converged) return new PicacoResult(rounds, instruction, StopReason.Converged(rounds.Count));
        }
        var scorer = new PicacoScorer(judge, setup.Values, settings.ParrotingFloor);
        for (var r = rounds.Count + 1; r <= settings.Rounds; r++)
        {
            var round = await RoundAsync(setup, scorer, r, instruction, pools, progress, cancellationToken).ConfigureAwait(false);
            rounds.Add(round);
            if (roundFinished is not null) await roundFinished(round, cancellationToken).ConfigureAwait(false);
            if (round.Converged) return new PicacoResult(rounds, round.Winner, StopReason.Converged(r));
            instruction = round.Winner;
            foreach (var pool in round.Pools) pools[pool.PromptId] = pool;
        }
        return new PicacoResult(rounds, instruction, StopReason.RoundLimit(settings.Rounds));
    }

    private async Task<PicacoRound> RoundAsync(
        PicacoSetup setup, PicacoScorer scorer, int round, string instruction, Dictionary<string, PromptPools> previous,
        IProgress<OptimisationProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = setup.Settings;
        var prompts = setup.Prompts;

        // 1. Response enhancement.
        var perPrompt = settings.AlignedSamplesPerRound + settings.NoisySamplesPerRound;
        var total = prompts.Count * perPrompt;
        var done = 0;
        var withInstruction = new List<ScoredResponse>();
        var empty = 0;
        var pools = new List<PromptPools>(prompts.Count);
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            var aligned = new List<ScoredResponse>();
            var noisy = new List<ScoredResponse>();
            for (var j = 0; j < perPrompt; j++)
            {
                var steered = j < settings.AlignedSamplesPerRound;
                var sample = steered ? j : j - settings.AlignedSamplesPerRound;
                var options = ResponseOptions(settings, SampleSeed.Derive(settings.Seed, round, steered ? 1 : 2, i, sample));
                var text = await TextSampler.SampleAsync(model, SteeringPrompt.Compose(steered ? instruction : null, prompt.Text), options, cancellationToken).ConfigureAwait(false);
                if (text.Length == 0)
                {
                    empty += steered ? 1 : 0;
                }
                else
                {
                    var scored = new ScoredResponse(prompt.Id, text, round, sample, await scorer.ScoreAsync(prompt.Text, text, cancellationToken).ConfigureAwait(false));
                    (steered ? aligned : noisy).Add(scored);
                }
                progress?.Report(new OptimisationProgress(round, settings.Rounds, "Response enhancement", ++done, total));
            }
            withInstruction.AddRange(aligned);
            var before = previous[prompt.Id];
            pools.Add(new PromptPools(prompt.Id,
                ResponsePools.KeepBest(before.Aligned, aligned, settings.AlignedPoolSize),
                ResponsePools.KeepMostParroting(before.Noisy, noisy, settings.NoisyPoolSize)));
        }

        // 2. Instruction refinement.
        var candidates = await ProposeAsync(setup, round, instruction, pools, progress, cancellationToken).ConfigureAwait(false);
        var evaluated = new List<InstructionCandidate>(candidates.Count);
        var toScore = candidates.Count(c => c.Note is null);
        var scoredCandidates = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.Note is not null)
            {
                evaluated.Add(candidate);
                continue;
            }
            var objective = await ObjectiveAsync(candidate.Text, prompts, pools, cancellationToken).ConfigureAwait(false);
            evaluated.Add(candidate with { Objective = objective });
            progress?.Report(new OptimisationProgress(round, settings.Rounds, "Instruction refinement", ++scoredCandidates, toScore));
        }
        var winner = evaluated.Where(c => c.Objective is not null)
            .Select((c, order) => (c, order))
            .OrderByDescending(x => x.c.Objective!.Objective).ThenBy(x => x.order)
            .First().c.Text;
        return new PicacoRound(round, instruction, pools, Stats(withInstruction, setup.Values.Count, empty), evaluated, winner, clock.Elapsed);
    }

    private async Task<List<InstructionCandidate>> ProposeAsync(
        PicacoSetup setup, int round, string instruction, IReadOnlyList<PromptPools> pools,
        IProgress<OptimisationProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = setup.Settings;
        var best = pools.SelectMany(p => p.Aligned).OrderByDescending(r => r.Score.Score).ThenBy(r => r.Round).ThenBy(r => r.Sample).Take(ExamplesPerKind).ToArray();
        var parroting = pools.SelectMany(p => p.Noisy).OrderByDescending(r => r.Score.Parroting).ThenBy(r => r.Round).ThenBy(r => r.Sample).Take(ExamplesPerKind).ToArray();
        var prompt = PicacoPrompts.Proposal(setup.Values, instruction, best, parroting);
        var candidates = new List<InstructionCandidate> { new(instruction, true, null) };
        for (var c = 0; c < settings.Candidates; c++)
        {
            var options = new GenerationOptions
            {
                Temperature = settings.Temperature,
                Seed = SampleSeed.Derive(settings.Seed, round, 3, c),
                MaxTokens = settings.MaxInstructionTokens,
                StopStrings = ["\n"],
            };
            var text = TextSampler.FirstParagraph(await TextSampler.SampleAsync(model, prompt, options, cancellationToken).ConfigureAwait(false));
            var same = candidates.FindIndex(x => string.Equals(x.Text, text, StringComparison.Ordinal));
            candidates.Add(text.Length == 0
                ? new InstructionCandidate(text, false, null, "empty proposal")
                : same >= 0 ? new InstructionCandidate(text, false, null, same == 0 ? "same as the current instruction" : $"same as proposal {same}")
                : new InstructionCandidate(text, false, null));
            progress?.Report(new OptimisationProgress(round, settings.Rounds, "Proposing instructions", c + 1, settings.Candidates));
        }
        return candidates;
    }

    private async Task<CandidateObjective> ObjectiveAsync(string instruction, IReadOnlyList<TaskPrompt> prompts, IReadOnlyList<PromptPools> pools, CancellationToken cancellationToken)
    {
        var aligned = new List<(double, double)>();
        var noisy = new List<(double, double)>();
        for (var i = 0; i < prompts.Count; i++)
        {
            var context = SteeringPrompt.Compose(instruction, prompts[i].Text);
            foreach (var r in pools[i].Aligned)
            {
                aligned.Add(((await model.ScoreContinuationAsync(context, r.Text, cancellationToken).ConfigureAwait(false)).Sum, r.Score.Alignment));
            }
            foreach (var r in pools[i].Noisy)
            {
                noisy.Add(((await model.ScoreContinuationAsync(context, r.Text, cancellationToken).ConfigureAwait(false)).Sum, r.Score.ParrotingProbability));
            }
        }
        return RefinementObjective.Evaluate(aligned, noisy);
    }

    private static GenerationOptions ResponseOptions(PicacoSettings settings, uint seed) => new()
    {
        Temperature = settings.Temperature,
        Seed = seed,
        MaxTokens = settings.MaxResponseTokens,
        StopStrings = SteeringPrompt.StopStrings,
    };

    private static RoundSampleStats Stats(IReadOnlyList<ScoredResponse> sampled, int values, int empty) =>
        sampled.Count == 0
            ? new RoundSampleStats(double.NaN, double.NaN, double.NaN, Enumerable.Repeat(double.NaN, values).ToArray(), 0, empty)
            : new RoundSampleStats(
                sampled.Average(r => r.Score.Score),
                sampled.Average(r => r.Score.Alignment),
                sampled.Average(r => r.Score.Parroting),
                Enumerable.Range(0, values).Select(k => sampled.Average(r => Math.Exp(r.Score.LogConformity[k]))).ToArray(),
                sampled.Count,
                empty);
}
