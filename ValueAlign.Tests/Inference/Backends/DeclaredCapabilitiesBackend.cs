using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Tests.Inference.Backends;

/// <summary>
/// Test double: a server backend that only declares capabilities (for run-creation checks); it
/// identifies server choices but never yields a model.
/// </summary>
public sealed class DeclaredCapabilitiesBackend(ModelCapabilities capabilities) : IModelBackend
{
    public string Name => "declared";

    public bool Serves(ModelChoice choice) => choice.Kind == ModelRefKind.Server;

    public Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResolvedModel(choice, ModelRef.Server("http://declared.test/v1", choice.Model), capabilities));

    public Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef? expected = null, CancellationToken cancellationToken = default) =>
        throw new ModelChoiceException("The declared-capabilities test backend yields no model.");
}
