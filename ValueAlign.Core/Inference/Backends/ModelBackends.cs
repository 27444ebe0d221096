namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// Every registered <see cref="IModelBackend"/>; resolves and acquires a <see cref="ModelChoice"/>
/// through the first backend that serves it. Pages, runs and verbs go through this, never through
/// a backend type, so a new backend needs only a registration.
/// </summary>
public sealed class ModelBackends(IEnumerable<IModelBackend> backends)
{
    private readonly IReadOnlyList<IModelBackend> all = backends.ToList();

    public IReadOnlyList<IModelBackend> All => all;

    public IModelBackend For(ModelChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return all.FirstOrDefault(b => b.Serves(choice))
            ?? throw new ModelChoiceException(choice.Kind == ModelRefKind.LocalFile
                ? $"No backend runs local model files, so '{choice}' cannot be used."
                : $"No server named or at '{choice.Endpoint}' is configured (Backends: in appsettings.json or the Models page), so '{choice}' cannot be used.");
    }

    public Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default) =>
        For(choice).ResolveAsync(choice, cancellationToken);

    /// <summary>
    /// Every model every backend offers, local files first. A backend that fails to answer (a
    /// server that is down) is skipped and its problem returned, so the form still works.
    /// </summary>
    public async Task<ModelChoiceList> ListAsync(CancellationToken cancellationToken = default)
    {
        var choices = new List<ModelChoice>();
        var problems = new List<string>();
        foreach (var backend in all)
        {
            try
            {
                var list = await backend.ListWithProblemsAsync(cancellationToken).ConfigureAwait(false);
                choices.AddRange(list.Choices);
                problems.AddRange(list.Problems.Select(p => $"{backend.Name}: {p}"));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"{backend.Name}: {e.Message}");
            }
        }
        return new ModelChoiceList(choices.Distinct().ToList(), problems);
    }

    public Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef? expected = null, CancellationToken cancellationToken = default) =>
        For(choice).AcquireAsync(choice, expected, cancellationToken);
}
