using System.Text;

namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>
/// The system prompt an earlier run left for reuse: its text artefact (an optimisation run's
/// <c>instruction</c> or <c>reflection</c>, saved after every finished round). The text is used
/// exactly as stored, as the New run form does with <c>?systemPromptFrom=</c>, so both give the
/// same run configuration and hash.
/// </summary>
public static class SystemPromptFromRun
{
    /// <summary>Names preferred when a run has more than one text artefact.</summary>
    public static readonly IReadOnlyList<string> PreferredNames = ["instruction", "reflection"];

    public static async Task<RunArtefact> FindAsync(RunArtefactStore artefacts, EvalRunService runs, long runId, CancellationToken cancellationToken = default)
    {
        if (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) is null)
            throw new EvalRunException($"There is no run {runId}.");
        var texts = (await artefacts.ListAsync(runId, cancellationToken).ConfigureAwait(false)).Where(a => a.Kind == ArtefactKind.Text).ToList();
        var chosen = texts.Count == 1
            ? texts[0]
            : PreferredNames.Select(n => texts.FirstOrDefault(a => a.Name == n)).FirstOrDefault(a => a is not null);
        if (chosen is null)
        {
            throw new EvalRunException(texts.Count == 0
                ? $"Run {runId} has no text artefact to use as the system prompt (an optimisation run saves its instruction or reflection when its first round finishes)."
                : $"Run {runId} has several text artefacts ({string.Join(", ", texts.Select(a => a.Name))}) and none is called instruction or reflection.");
        }
        return await artefacts.GetAsync(chosen.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new EvalRunException($"The artefact '{chosen.Name}' of run {runId} was deleted while it was read.");
    }

    /// <summary>The artefact's text (UTF-8).</summary>
    public static async Task<string> ReadAsync(RunArtefactStore artefacts, EvalRunService runs, long runId, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString((await FindAsync(artefacts, runs, runId, cancellationToken).ConfigureAwait(false)).Content);
}
