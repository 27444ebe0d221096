using System.Diagnostics;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// IROTE: finds a short first-person self-reflection e that, as a prompt prefix, makes the model's
/// answers show a target trait. Before round 1 the model writes K reflections. Each round:
/// <list type="number">
/// <item>Compactness: M1 behaviours implied by each reflection, then one synthesised reflection that
/// keeps what they share.</item>
/// <item>Evocativeness: R(e) for every new reflection (<see cref="Evocativeness"/>; M2 samples per
/// prompt, log-likelihoods from the model, log q from the trait scorer).</item>
/// <item>Revision: the model revises each of the best reflections; the revisions are scored too.</item>
/// <item>The top reflections by R are kept for the next round (ties: earlier candidates).</item>
/// </list>
/// Every reflection is cut to the token cap by the model's tokenizer. R(e) is sampled with seeds
/// derived from the run seed and e's text, so it is a function of e; the other seeds come from the
/// round and position, so a resumed run continues exactly as an uninterrupted one.
/// </summary>
public sealed class IroteOptimiser(ILanguageModel model)
{
    public async Task<IroteResult> RunAsync(
        IroteSetup setup,
        IReadOnlyList<IroteRound> finished,
        Func<IroteRound, CancellationToken, Task>? roundFinished = null,
        IProgress<OptimisationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        setup.Validate();
        for (var i = 0; i < finished.Count; i++)
        {
            if (finished[i].Round != i + 1) throw new OptimisationException($"Finished rounds must be numbered 1..n; round {i + 1} is numbered {finished[i].Round}.");
        }
        var rounds = finished.ToList();
        var kept = rounds.Count == 0 ? [] : rounds[^1].Kept;
        for (var t = rounds.Count + 1; t <= setup.Settings.Rounds; t++)
        {
            var round = await RoundAsync(setup, t, kept, progress, cancellationToken).ConfigureAwait(false);
            rounds.Add(round);
            if (roundFinished is not null) await roundFinished(round, cancellationToken).ConfigureAwait(false);
            kept = round.Kept;
        }
        if (rounds.Count == 0) throw new OptimisationException("No round was run.");
        return new IroteResult(rounds, rounds[^1].Best.Text, StopReason.RoundLimit(setup.Settings.Rounds));
    }

    private async Task<IroteRound> RoundAsync(IroteSetup setup, int round, IReadOnlyList<ReflectionCandidate> carried, IProgress<OptimisationProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = setup.Settings;
        var candidates = carried.ToList();
        if (round == 1)
        {
            var prompt = IrotePrompts.Initial(setup.Trait);
            for (var k = 0; k < settings.Candidates; k++)
            {
                var text = await ReflectionAsync(prompt, settings, SampleSeed.Derive(settings.Seed, round, 10, k), cancellationToken).ConfigureAwait(false);
                candidates.Add(Noted(candidates, text, ReflectionOrigin.Initial, round));
                progress?.Report(new OptimisationProgress(round, settings.Rounds, "Writing reflections", k + 1, settings.Candidates));
            }
        }

        // Compactness.
        var sources = candidates.Where(c => c.Note is null).ToList();
        var behaviours = new List<ImpliedBehaviours>(sources.Count);
        for (var c = 0; c < sources.Count; c++)
        {
            var implied = new List<string>(settings.Behaviours);
            for (var m = 0; m < settings.Behaviours; m++)
            {
                var options = Options(settings, settings.MaxBehaviourTokens, SampleSeed.Derive(settings.Seed, round, 11, c, m), ["\n"]);
                implied.Add(TextSampler.FirstParagraph(await TextSampler.SampleAsync(model, IrotePrompts.Behaviour(sources[c].Text), options, cancellationToken).ConfigureAwait(false)));
            }
            behaviours.Add(new ImpliedBehaviours(sources[c].Text, implied));
            progress?.Report(new OptimisationProgress(round, settings.Rounds, "Compactness", c + 1, sources.Count));
        }
        var synthesised = await ReflectionAsync(IrotePrompts.Synthesis(setup.Trait, behaviours), settings, SampleSeed.Derive(settings.Seed, round, 12), cancellationToken).ConfigureAwait(false);
        candidates.Add(Noted(candidates, synthesised, ReflectionOrigin.Synthesised, round));

        // Evocativeness of every new reflection.
        await EvaluateAllAsync(setup, round, candidates, progress, cancellationToken).ConfigureAwait(false);

        // Revision of the best reflections so far.
        var best = Ranked(candidates).Take(settings.Keep).ToList();
        for (var r = 0; r < best.Count; r++)
        {
            var revised = await ReflectionAsync(IrotePrompts.Revision(setup.Trait, best[r]), settings, SampleSeed.Derive(settings.Seed, round, 13, r), cancellationToken).ConfigureAwait(false);
            candidates.Add(Noted(candidates, revised, ReflectionOrigin.Revised, round));
        }
        await EvaluateAllAsync(setup, round, candidates, progress, cancellationToken).ConfigureAwait(false);

        var kept = Ranked(candidates).Take(settings.Keep).ToList();
        if (kept.Count == 0) throw new OptimisationException($"Round {round}: the model wrote no usable reflection (every candidate was empty).");
        return new IroteRound(round, candidates, behaviours, kept, clock.Elapsed);
    }

    /// <summary>Evaluated candidates by R, best first; ties keep candidate order.</summary>
    private static IEnumerable<ReflectionCandidate> Ranked(IReadOnlyList<ReflectionCandidate> candidates) =>
        candidates.Select((c, order) => (c, order))
            .Where(x => x.c.Evocativeness is not null)
            .OrderByDescending(x => x.c.Evocativeness!.Value).ThenBy(x => x.order)
            .Select(x => x.c);

    private async Task EvaluateAllAsync(IroteSetup setup, int round, List<ReflectionCandidate> candidates, IProgress<OptimisationProgress>? progress, CancellationToken cancellationToken)
    {
        var pending = candidates.Select((c, i) => (c, i)).Where(x => x.c.Note is null && x.c.Evocativeness is null).ToList();
        for (var p = 0; p < pending.Count; p++)
        {
            var (candidate, index) = pending[p];
            candidates[index] = await EvaluateAsync(setup, candidate, cancellationToken).ConfigureAwait(false);
            progress?.Report(new OptimisationProgress(round, setup.Settings.Rounds, "Evocativeness", p + 1, pending.Count));
        }
    }

    private async Task<ReflectionCandidate> EvaluateAsync(IroteSetup setup, ReflectionCandidate candidate, CancellationToken cancellationToken)
    {
        var settings = setup.Settings;
        var hash = SampleSeed.Hash(candidate.Text);
        var prompts = new List<PromptEvocation>(setup.Prompts.Count);
        for (var i = 0; i < setup.Prompts.Count; i++)
        {
            var prompt = setup.Prompts[i];
            var context = SteeringPrompt.Compose(candidate.Text, prompt.Text);
            var samples = new List<(string Text, double LogLikelihood, double LogTrait)>(settings.Samples);
            for (var j = 0; j < settings.Samples; j++)
            {
                var options = Options(settings, settings.MaxResponseTokens, SampleSeed.Derive(settings.Seed, 20, hash, i, j), SteeringPrompt.StopStrings);
                var text = await TextSampler.SampleAsync(model, context, options, cancellationToken).ConfigureAwait(false);
                var logLikelihood = text.Length == 0 ? 0 : (await model.ScoreContinuationAsync(context, text, cancellationToken).ConfigureAwait(false)).Sum;
                var logTrait = await setup.Scorer.LogProbabilityAsync(prompt, text, cancellationToken).ConfigureAwait(false);
                samples.Add((text, logLikelihood, logTrait));
            }
            // Empty responses have no tokens to weigh; they count only when nothing else was said.
            var used = Enumerable.Range(0, samples.Count).Where(j => samples[j].Text.Length > 0).DefaultIfEmpty(0).ToArray();
            var weights = Evocativeness.Weights(used.Select(j => samples[j].LogLikelihood).ToArray());
            var evoked = samples.Select(s => new EvokedSample(s.Text, s.LogLikelihood, s.LogTrait, 0)).ToArray();
            for (var u = 0; u < used.Length; u++)
            {
                evoked[used[u]] = evoked[used[u]] with { Weight = weights[u] };
            }
            prompts.Add(new PromptEvocation(prompt.Id, evoked.Sum(s => s.Weight * s.LogTrait), evoked));
        }
        return candidate with { Evocativeness = prompts.Average(p => p.Term), Prompts = prompts };
    }

    private async Task<string> ReflectionAsync(string prompt, IroteSettings settings, uint seed, CancellationToken cancellationToken)
    {
        // Generate a little past the cap so the tokenizer, not the sampler, decides where the cut falls.
        var options = Options(settings, settings.MaxReflectionTokens + 8, seed, ["\n"]);
        var text = TextSampler.FirstParagraph(await TextSampler.SampleAsync(model, prompt, options, cancellationToken).ConfigureAwait(false));
        return text.Length == 0 ? text : await TokenCap.CutAsync(model, text, settings.MaxReflectionTokens, cancellationToken).ConfigureAwait(false);
    }

    private static ReflectionCandidate Noted(IReadOnlyList<ReflectionCandidate> earlier, string text, ReflectionOrigin origin, int round)
    {
        var same = earlier.FirstOrDefault(c => string.Equals(c.Text, text, StringComparison.Ordinal));
        var note = text.Length == 0 ? "empty" : same is not null ? $"same as an earlier {same.Origin.ToString().ToLowerInvariant()} reflection" : null;
        return new ReflectionCandidate(text, origin, round, null, [], note);
    }

    private static GenerationOptions Options(IroteSettings settings, int maxTokens, uint seed, IReadOnlyList<string> stops) => new()
    {
        Temperature = settings.Temperature,
        Seed = seed,
        MaxTokens = maxTokens,
        StopStrings = stops,
    };
}
