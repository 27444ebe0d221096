namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// One way of running models: the in-process LLamaSharp host (<see cref="LocalModelBackend"/>) or
/// an OpenAI-compatible server. A backend identifies a <see cref="ModelChoice"/> (its
/// <see cref="ModelRef"/> and capabilities, cheap enough for run creation) and yields a usable
/// <see cref="ILanguageModel"/> for it (loading it when needed). Registered in DI as
/// <see cref="IModelBackend"/>; <see cref="ModelBackends"/> picks the one that serves a choice.
/// </summary>
public interface IModelBackend
{
    /// <summary>Short name for messages and the Models page ("local", or the server's configured name).</summary>
    string Name { get; }

    /// <summary>True when this backend runs the chosen model (local files, or a server it is configured for).</summary>
    bool Serves(ModelChoice choice);

    /// <summary>
    /// Identity and capabilities of the choice. Throws <see cref="ModelChoiceException"/> with a
    /// message for the user when the model does not exist or cannot be reached.
    /// </summary>
    Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default);

    /// <summary>
    /// The model, ready for requests. <paramref name="expected"/> (from a stored run) must still
    /// match: a changed file or a server now serving other weights is an error, not silently
    /// another model.
    /// </summary>
    Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef? expected = null, CancellationToken cancellationToken = default);

    /// <summary>The models this backend offers for forms (model and judge pickers); may ask a server.</summary>
    Task<IReadOnlyList<ModelChoice>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ModelChoice>>([]);

    /// <summary>
    /// <see cref="ListAsync"/> for a backend with several sources (servers): what the sources that
    /// answered offer, and the problems of those that did not, instead of failing whole.
    /// </summary>
    async Task<ModelChoiceList> ListWithProblemsAsync(CancellationToken cancellationToken = default) =>
        new(await ListAsync(cancellationToken).ConfigureAwait(false), []);
}
